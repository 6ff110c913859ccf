import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { storageHarness, tree } from '../testing/harness.ts';
import { multipartBody } from '../testing/multipart.ts';
import { pdfOfSize } from '../testing/pdf.ts';

test('a client that goes away mid-upload leaves no temporary file and no stored file', async (t) => {
  const { app, root, log, records } = await storageHarness(t);
  const url = new URL(await app.listen({ host: '127.0.0.1', port: 0 }));
  const { payload, headers } = await multipartBody([
    ['correlationId', 'gone'],
    ['clientId', 'c'],
    ['generatedAt', '2025-09-10T08:30:00Z'],
    ['fileName', 'gone.pdf'],
    { bytes: pdfOfSize(512 * 1024) },
  ]);
  const staging = `${root}/.incoming`;

  const sent = request({
    host: url.hostname,
    port: url.port,
    method: 'POST',
    path: '/api/storage/upload',
    headers: { ...headers, 'content-length': String(payload.length) },
  });
  sent.on('error', () => undefined);
  sent.write(payload.subarray(0, 300 * 1024));
  await eventually(async () => (await tree(staging)).length === 1, 'the upload staged', 5000);
  sent.destroy();

  await eventually(async () => (await tree(root)).join() === '.incoming', 'the staged upload removed', 5000);
  await eventually(
    async () => {
      await log.flush();
      return records.some((r) => r.operation === 'upload');
    },
    'the upload’s record',
    5000,
  );
  assert.equal(records[0]?.success, false);
  assert.equal(records[0]?.correlationId, 'gone');
});
