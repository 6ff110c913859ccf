import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { storageHarness, upload } from '../testing/harness.ts';
import { minimalPdf } from '../testing/pdf.ts';

const documents = [
  { correlationId: 'rt-1', clientId: 'acme', fileName: 'factura-001.pdf', generatedAt: '2025-09-10T08:30:00Z' },
  { correlationId: 'rt-2', clientId: 'acme', fileName: 'factura-002.pdf', generatedAt: '2025-09-10T09:15:00Z' },
  { correlationId: 'rt-3', clientId: 'globex', fileName: 'informe-ñandú.pdf', generatedAt: '2025-09-11T10:00:00Z' },
];

test('three uploads and three downloads round-trip, and survive a restart on the same root', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'storage-roundtrip-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const first = await storageHarness(t, { root });
  for (const document of documents) {
    const response = await upload(first.app, { ...document, file: { bytes: minimalPdf(document.fileName) } });
    assert.equal(response.statusCode, 201, response.body);
  }
  for (const document of documents) {
    const response = await first.app.inject({ method: 'GET', url: `/api/storage/file/${document.correlationId}` });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.rawPayload, minimalPdf(document.fileName));
  }
  await first.app.close();

  const second = await storageHarness(t, { root });
  for (const document of documents) {
    const response = await second.app.inject({ method: 'GET', url: `/api/storage/file/${document.correlationId}` });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.rawPayload, minimalPdf(document.fileName));
  }
  const dates = await second.app.inject({ method: 'GET', url: '/api/storage/files' });
  assert.deepEqual(dates.json(), {
    dates: [
      { date: '2025-09-11', count: 1 },
      { date: '2025-09-10', count: 2 },
    ],
  });
});
