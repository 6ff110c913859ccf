import assert from 'node:assert/strict';
import { test } from 'node:test';
import { injectJson } from '@eventflow/service/testing';
import { pdfApp } from '../testing/pdf-app.ts';

test('the OpenAPI document describes the report endpoint and its answers', async (t) => {
  const { app } = await pdfApp(t, 'http://storage.test');
  const response = await injectJson<{ paths: Record<string, { post?: { responses: Record<string, unknown> } }> }>(app, {
    method: 'GET',
    url: '/docs/json',
  });
  assert.equal(response.statusCode, 200);
  const post = response.body.paths['/api/pdf/reports']?.post;
  assert.deepEqual(Object.keys(post?.responses ?? {}).sort(), ['200', '201', '400', '409', '4XX', '502', '503', '5XX']);
});
