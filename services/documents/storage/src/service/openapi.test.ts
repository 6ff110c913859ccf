import assert from 'node:assert/strict';
import { test } from 'node:test';
import { injectJson } from '@eventflow/service/testing';
import { storageHarness } from '../testing/harness.ts';

interface OpenApi {
  readonly info: { readonly title: string };
  readonly paths: Record<
    string,
    Record<string, { requestBody?: { content: object }; responses: Record<string, unknown> }>
  >;
}

test('the OpenAPI document describes the upload form, the PDF download and the problems', async (t) => {
  const { app } = await storageHarness(t);

  const { body } = await injectJson<OpenApi>(app, { method: 'GET', url: '/docs/json' });

  assert.equal(body.info.title, 'storage');
  const upload = body.paths['/api/storage/upload']?.['post'];
  assert.deepEqual(Object.keys(upload?.requestBody?.content ?? {}), ['multipart/form-data']);
  assert.deepEqual(Object.keys(upload?.responses ?? {}).sort(), [
    '200',
    '201',
    '400',
    '409',
    '413',
    '415',
    '4XX',
    '5XX',
  ]);
  const download = body.paths['/api/storage/file/{correlationId}']?.['get'];
  assert.match(JSON.stringify(download?.responses['200']), /application\/pdf/);
  assert.ok(body.paths['/api/storage/file/{correlationId}/metadata']);
  assert.ok(body.paths['/api/storage/files']);
});
