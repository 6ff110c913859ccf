import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { assertProblem } from '@eventflow/service/testing';
import { storageHarness, upload } from '../testing/harness.ts';
import { pdfOfSize } from '../testing/pdf.ts';

async function flipByte(path: string, at: number): Promise<void> {
  const bytes = await readFile(path);
  bytes[at] = (bytes[at] ?? 0) ^ 0xff;
  await writeFile(path, bytes);
}

test('a small file corrupted on disk is 500 STORAGE.CORRUPT before any byte is sent, and logged as an error', async (t) => {
  const { app, root, lines } = await storageHarness(t);
  assert.equal((await upload(app, { correlationId: 'rot' })).statusCode, 201);
  await flipByte(join(root, '2025-09-10', 'rot.pdf'), 40);

  const whole = await app.inject({ method: 'GET', url: '/api/storage/file/rot' });
  const ranged = await app.inject({ method: 'GET', url: '/api/storage/file/rot', headers: { range: 'bytes=0-4' } });

  assertProblem(whole, { status: 500, code: 'STORAGE.CORRUPT' });
  assertProblem(ranged, { status: 500, code: 'STORAGE.CORRUPT' });
  assert.equal(whole.headers['content-disposition'], undefined);
  const logged = lines.filter((line) => line['msg'] === 'stored file is corrupt');
  assert.equal(logged.length, 2);
  assert.equal(logged[0]?.['level'], 50);
  assert.equal(logged[0]?.['correlationId'], 'rot');
});

test('a file whose size on disk changed, or that vanished, is STORAGE.CORRUPT', async (t) => {
  const { app, root } = await storageHarness(t);
  assert.equal((await upload(app, { correlationId: 'short' })).statusCode, 201);
  assert.equal((await upload(app, { correlationId: 'gone' })).statusCode, 201);
  const path = join(root, '2025-09-10', 'short.pdf');
  await writeFile(path, (await readFile(path)).subarray(0, 20));
  await rm(join(root, '2025-09-10', 'gone.pdf'));

  assertProblem(await app.inject({ method: 'GET', url: '/api/storage/file/short' }), {
    status: 500,
    code: 'STORAGE.CORRUPT',
  });
  assertProblem(await app.inject({ method: 'GET', url: '/api/storage/file/gone' }), {
    status: 500,
    code: 'STORAGE.CORRUPT',
  });
});

test('a large file corrupted on disk is verified while streaming: the response is cut before its last bytes', async (t) => {
  const { app, root, lines } = await storageHarness(t, { verifyFirstBytes: 1024 });
  const big = pdfOfSize(300 * 1024, 'big');
  assert.equal((await upload(app, { correlationId: 'big', file: { bytes: big } })).statusCode, 201);
  await flipByte(join(root, '2025-09-10', 'big.pdf'), 200 * 1024);

  await assert.rejects(app.inject({ method: 'GET', url: '/api/storage/file/big' }), { code: 'LIGHT_ECONNRESET' });

  const logged = lines.find((line) => line['msg'] === 'stored file is corrupt');
  assert.equal(logged?.['level'], 50);
  assert.equal(logged?.['correlationId'], 'big');
});

test('a large file is streamed (whole, and by range after a full check) when intact', async (t) => {
  const { app } = await storageHarness(t, { verifyFirstBytes: 1024 });
  const big = pdfOfSize(300 * 1024, 'big');
  assert.equal((await upload(app, { correlationId: 'big', file: { bytes: big } })).statusCode, 201);

  const whole = await app.inject({ method: 'GET', url: '/api/storage/file/big' });
  const ranged = await app.inject({
    method: 'GET',
    url: '/api/storage/file/big',
    headers: { range: 'bytes=1000-1999' },
  });

  assert.equal(whole.statusCode, 200);
  assert.deepEqual(whole.rawPayload, big);
  assert.equal(ranged.statusCode, 206);
  assert.deepEqual(ranged.rawPayload, big.subarray(1000, 2000));
});

test('a streamed file whose only chunk is corrupt is still a 500: the chunk is held back until verified', async (t) => {
  const { app, root } = await storageHarness(t, { verifyFirstBytes: 0 });
  assert.equal((await upload(app, { correlationId: 'one-chunk' })).statusCode, 201);
  await flipByte(join(root, '2025-09-10', 'one-chunk.pdf'), 30);

  assertProblem(await app.inject({ method: 'GET', url: '/api/storage/file/one-chunk' }), {
    status: 500,
    code: 'STORAGE.CORRUPT',
  });
});

test('a large file corrupted on disk refuses a range before sending it', async (t) => {
  const { app, root } = await storageHarness(t, { verifyFirstBytes: 1024 });
  assert.equal((await upload(app, { correlationId: 'big', file: { bytes: pdfOfSize(64 * 1024) } })).statusCode, 201);
  await flipByte(join(root, '2025-09-10', 'big.pdf'), 60 * 1024);

  const ranged = await app.inject({ method: 'GET', url: '/api/storage/file/big', headers: { range: 'bytes=0-99' } });

  assertProblem(ranged, { status: 500, code: 'STORAGE.CORRUPT' });
});
