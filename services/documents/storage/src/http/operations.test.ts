import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { OperationRecord } from '@eventflow/oplog';
import { storageHarness, upload } from '../testing/harness.ts';
import { minimalPdf, pdfOfSize } from '../testing/pdf.ts';

function payloadOf(record: OperationRecord | undefined): Record<string, unknown> {
  return JSON.parse(record?.payload ?? '{}') as Record<string, unknown>;
}

test('uploads, downloads and metadata reads are shipped to logs-storage with correlation id and file name', async (t) => {
  const { app, log, records } = await storageHarness(t);
  const pdf = minimalPdf('logged');

  await upload(app, { correlationId: 'log-1', fileName: 'logged.pdf', file: { bytes: pdf } });
  await app.inject({ method: 'GET', url: '/api/storage/file/log-1' });
  await app.inject({ method: 'GET', url: '/api/storage/file/log-1/metadata' });
  await app.inject({ method: 'GET', url: '/api/storage/files' });
  await app.inject({ method: 'GET', url: '/health' });
  await log.flush();

  assert.deepEqual(
    records.map((r) => [r.operation, r.endpoint, r.correlationId, r.fileName, r.success, r.statusCode]),
    [
      ['upload', 'POST /api/storage/upload', 'log-1', 'logged.pdf', true, 201],
      ['download', 'GET /api/storage/file/:correlationId', 'log-1', 'logged.pdf', true, 200],
      ['metadata', 'GET /api/storage/file/:correlationId/metadata', 'log-1', 'logged.pdf', true, 200],
    ],
  );
  assert.ok(records.every((r) => r.service === 'storage-server' && !Number.isNaN(Date.parse(r.timestamp))));
  assert.deepEqual(payloadOf(records[0]), {
    clientId: 'client-7',
    size: pdf.length,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    duplicate: false,
  });
  assert.equal(payloadOf(records[1])['path'], '2025-09-10/log-1.pdf');
});

test('refused operations are shipped as failures, under the document id when it is safe', async (t) => {
  const { app, log, records } = await storageHarness(t);

  await upload(app, { correlationId: 'bad-1', fileName: 'x.pdf', file: { bytes: Buffer.from('not a pdf') } });
  await upload(app, { correlationId: '../x', fileName: 'y.pdf' });
  await app.inject({ method: 'GET', url: '/api/storage/file/missing', headers: { 'x-correlation-id': 'req-9' } });
  await log.flush();

  assert.deepEqual(
    records.map((r) => [r.operation, r.correlationId, r.fileName, r.success, r.statusCode, r.error]),
    [
      ['upload', 'bad-1', 'x.pdf', false, 415, 'STORAGE.NOT_A_PDF'],
      ['upload', records[1]?.correlationId, 'y.pdf', false, 400, 'REQUEST.VALIDATION_FAILED'],
      ['download', 'missing', undefined, false, 404, 'STORAGE.NOT_FOUND'],
    ],
  );
  assert.notEqual(records[1]?.correlationId, '../x', 'an unsafe id is not trusted as the record key');
});

test('a download cut short by a checksum mismatch is shipped as a failure', async (t) => {
  const { app, log, records, root } = await storageHarness(t, { verifyFirstBytes: 0 });
  await upload(app, { correlationId: 'cut', file: { bytes: pdfOfSize(256 * 1024) } });
  const path = join(root, '2025-09-10', 'cut.pdf');
  const bytes = await readFile(path);
  bytes[200 * 1024] = 0;
  await writeFile(path, bytes);

  await assert.rejects(app.inject({ method: 'GET', url: '/api/storage/file/cut' }), { code: 'LIGHT_ECONNRESET' });
  await log.flush();

  const download = records.find((r) => r.operation === 'download');
  assert.equal(download?.success, false);
  assert.equal(download?.error, 'STORAGE.CORRUPT');
  assert.equal(download?.correlationId, 'cut');
});

test('each operation is one pino line with the document correlation id, file name and time', async (t) => {
  const { app, lines } = await storageHarness(t, { now: () => new Date('2025-09-10T10:00:00.000Z') });

  await upload(app, { correlationId: 'pino-1', fileName: 'p.pdf' });
  await app.inject({ method: 'GET', url: '/api/storage/file/pino-1', headers: { 'x-correlation-id': 'req-1' } });

  const operations = lines.filter((line) => typeof line['operation'] === 'string');
  assert.deepEqual(
    operations.map((l) => [l['msg'], l['correlationId'], l['fileName'], l['at'], l['requestCorrelationId']]),
    [
      ['storage upload done', 'pino-1', 'p.pdf', '2025-09-10T10:00:00.000Z', operations[0]?.['requestCorrelationId']],
      ['storage download done', 'pino-1', 'p.pdf', '2025-09-10T10:00:00.000Z', 'req-1'],
    ],
  );
});
