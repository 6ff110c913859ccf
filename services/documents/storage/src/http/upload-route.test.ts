import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { assertProblem } from '@eventflow/service/testing';
import type { StoredFile } from '../store/stored-file.ts';
import { storageHarness, tree, upload } from '../testing/harness.ts';
import { minimalPdf } from '../testing/pdf.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

test('an upload is 201 with its metadata, and the PDF and its metadata sit in the folder of its UTC date', async (t) => {
  const { app, root } = await storageHarness(t, { now: () => new Date('2025-09-10T09:00:00.000Z') });
  const pdf = minimalPdf('first report');

  const response = await upload(app, {
    correlationId: 'job-42',
    generatedAt: '2025-09-10T23:30:00-02:00',
    file: { bytes: pdf },
  });

  assert.equal(response.statusCode, 201, response.body);
  const stored = response.json<StoredFile & { duplicate: boolean }>();
  assert.deepEqual(stored, {
    correlationId: 'job-42',
    clientId: 'client-7',
    fileName: 'report.pdf',
    generatedAt: '2025-09-10T23:30:00-02:00',
    storedAt: '2025-09-10T09:00:00.000Z',
    size: pdf.length,
    sha256: sha256(pdf),
    contentType: 'application/pdf',
    path: '2025-09-11/job-42.pdf',
    duplicate: false,
  });
  assert.deepEqual(await readFile(join(root, '2025-09-11', 'job-42.pdf')), pdf);
  const { duplicate, ...metadata } = stored;
  assert.equal(duplicate, false);
  assert.deepEqual(JSON.parse(await readFile(join(root, '2025-09-11', 'job-42.json'), 'utf8')), metadata);
  assert.deepEqual(await tree(root), ['.incoming', '2025-09-11', '2025-09-11/job-42.json', '2025-09-11/job-42.pdf']);
});

test('the file part may come before the fields', async (t) => {
  const { app, root } = await storageHarness(t);

  const response = await upload(app, { correlationId: 'file-first', fileFirst: true });

  assert.equal(response.statusCode, 201, response.body);
  assert.ok((await tree(root)).includes('2025-09-10/file-first.pdf'));
});

test('the same bytes again are 200 with the stored metadata; different bytes are 409 and change nothing', async (t) => {
  const { app, root } = await storageHarness(t);
  const first = await upload(app, { correlationId: 'again', file: { bytes: minimalPdf('v1') } });
  assert.equal(first.statusCode, 201);
  const before = await tree(root);

  const repeat = await upload(app, {
    correlationId: 'again',
    fileName: 'renamed.pdf',
    file: { bytes: minimalPdf('v1') },
  });
  assert.equal(repeat.statusCode, 200, repeat.body);
  assert.deepEqual(repeat.json(), { ...first.json<Record<string, unknown>>(), duplicate: true });

  const different = await upload(app, { correlationId: 'again', file: { bytes: minimalPdf('v2') } });
  assertProblem(different, { status: 409, code: 'STORAGE.CONFLICT' });
  assert.deepEqual(await tree(root), before);
  assert.deepEqual(await readFile(join(root, '2025-09-10', 'again.pdf')), minimalPdf('v1'));
});

test('concurrent uploads of one correlation id store it once: one 201, the others duplicates', async (t) => {
  const { app, root } = await storageHarness(t);

  const responses = await Promise.all([1, 2, 3].map(() => upload(app, { correlationId: 'race' })));

  assert.deepEqual(responses.map((r) => r.statusCode).sort(), [200, 200, 201]);
  assert.deepEqual(await tree(root), ['.incoming', '2025-09-10', '2025-09-10/race.json', '2025-09-10/race.pdf']);
});

test('a correlation id of 100 characters can be stored and retrieved', async (t) => {
  const { app } = await storageHarness(t);
  const id = `${'a'.repeat(97)}._-`;

  assert.equal((await upload(app, { correlationId: id })).statusCode, 201);
  assert.equal((await app.inject({ method: 'GET', url: `/api/storage/file/${id}` })).statusCode, 200);
});

test('an upload of exactly the size limit is stored', async (t) => {
  const pdf = minimalPdf();
  const { app } = await storageHarness(t, { maxBytes: pdf.length });

  assert.equal((await upload(app, { file: { bytes: pdf } })).statusCode, 201);
});
