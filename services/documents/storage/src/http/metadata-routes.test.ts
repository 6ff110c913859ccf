import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertProblem } from '@eventflow/service/testing';
import type { StoredFile } from '../store/stored-file.ts';
import { storageHarness, upload } from '../testing/harness.ts';
import { minimalPdf } from '../testing/pdf.ts';

/** A clock that ticks one second per reading, so that storedAt orders the uploads. */
function ticking(start: string): () => Date {
  let at = Date.parse(start);
  return () => new Date((at += 1000));
}

test('the metadata of a stored file, and 404 / 400 for unknown and unsafe ids', async (t) => {
  const { app } = await storageHarness(t);
  const stored = await upload(app, { correlationId: 'meta-1', fileName: 'a.pdf' });

  const response = await app.inject({ method: 'GET', url: '/api/storage/file/meta-1/metadata' });

  assert.equal(response.statusCode, 200);
  const { duplicate, ...metadata } = stored.json<StoredFile & { duplicate: boolean }>();
  assert.equal(duplicate, false);
  assert.deepEqual(response.json(), metadata);
  const unknown = await app.inject({ method: 'GET', url: '/api/storage/file/nope/metadata' });
  assertProblem(unknown, { status: 404, code: 'STORAGE.NOT_FOUND' });
  const unsafe = await app.inject({ method: 'GET', url: '/api/storage/file/a%2F..%2Fb/metadata' });
  assertProblem(unsafe, { status: 400, code: 'REQUEST.VALIDATION_FAILED' });
});

test('files of a date come sorted by storedAt; without a date, every date with its count, newest first', async (t) => {
  const { app } = await storageHarness(t, { now: ticking('2025-09-12T10:00:00Z') });
  const uploads = [
    ['c-late', '2025-09-10T22:00:00Z'],
    ['a-early', '2025-09-10T01:00:00Z'],
    ['b-next-day', '2025-09-11T00:00:00Z'],
    ['d-same-day', '2025-09-10T12:00:00+03:00'],
  ] as const;
  for (const [correlationId, generatedAt] of uploads) {
    const response = await upload(app, { correlationId, generatedAt, file: { bytes: minimalPdf(correlationId) } });
    assert.equal(response.statusCode, 201, response.body);
  }

  const day = await app.inject({ method: 'GET', url: '/api/storage/files?date=2025-09-10' });
  const dates = await app.inject({ method: 'GET', url: '/api/storage/files' });
  const empty = await app.inject({ method: 'GET', url: '/api/storage/files?date=2020-01-01' });

  const listed = day.json<{ date: string; files: StoredFile[] }>();
  assert.equal(listed.date, '2025-09-10');
  assert.deepEqual(
    listed.files.map((f) => f.correlationId),
    ['c-late', 'a-early', 'd-same-day'],
  );
  assert.deepEqual(dates.json(), {
    dates: [
      { date: '2025-09-11', count: 1 },
      { date: '2025-09-10', count: 3 },
    ],
  });
  assert.deepEqual(empty.json(), { date: '2020-01-01', files: [] });
  assertProblem(await app.inject({ method: 'GET', url: '/api/storage/files?date=2025-9-1' }), {
    status: 400,
    code: 'REQUEST.VALIDATION_FAILED',
  });
});
