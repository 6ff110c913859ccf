import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { assertProblem } from '@eventflow/service/testing';
import { storageHarness, upload } from '../testing/harness.ts';
import { minimalPdf } from '../testing/pdf.ts';

const pdf = minimalPdf('download me');
const etag = `"${createHash('sha256').update(pdf).digest('hex')}"`;

async function stored(t: Parameters<typeof storageHarness>[0], fileName = 'report.pdf') {
  const harness = await storageHarness(t, { now: () => new Date('2025-09-10T09:00:00.000Z') });
  const response = await upload(harness.app, { correlationId: 'doc-1', fileName, file: { bytes: pdf } });
  assert.equal(response.statusCode, 201, response.body);
  return harness;
}

test('a download is the PDF with its type, length, ETag, Last-Modified and an attachment disposition', async (t) => {
  const { app } = await stored(t, 'Informe de marzo (final).pdf');

  const response = await app.inject({ method: 'GET', url: '/api/storage/file/doc-1' });

  assert.equal(response.statusCode, 200);
  assert.deepEqual(response.rawPayload, pdf);
  assert.equal(response.headers['content-type'], 'application/pdf');
  assert.equal(response.headers['content-length'], String(pdf.length));
  assert.equal(response.headers['etag'], etag);
  assert.equal(response.headers['last-modified'], 'Wed, 10 Sep 2025 09:00:00 GMT');
  assert.equal(response.headers['accept-ranges'], 'bytes');
  assert.equal(
    response.headers['content-disposition'],
    `attachment; filename="Informe de marzo (final).pdf"; filename*=UTF-8''Informe%20de%20marzo%20%28final%29.pdf`,
  );
});

test('a Range is 206 with Content-Range and just those bytes; bytes=N- and suffixes too', async (t) => {
  const { app } = await stored(t);
  const get = (range: string) => app.inject({ method: 'GET', url: '/api/storage/file/doc-1', headers: { range } });

  const first = await get('bytes=0-4');
  assert.equal(first.statusCode, 206);
  assert.equal(first.headers['content-range'], `bytes 0-4/${pdf.length}`);
  assert.equal(first.headers['content-length'], '5');
  assert.equal(first.body, '%PDF-');

  const tail = await get('bytes=-6');
  assert.equal(tail.statusCode, 206);
  assert.deepEqual(tail.rawPayload, pdf.subarray(pdf.length - 6));

  const from = await get(`bytes=10-`);
  assert.equal(from.headers['content-range'], `bytes 10-${pdf.length - 1}/${pdf.length}`);
  assert.deepEqual(from.rawPayload, pdf.subarray(10));

  const past = await get(`bytes=5-${pdf.length + 100}`);
  assert.deepEqual(past.rawPayload, pdf.subarray(5));
});

test('an unsatisfiable Range is 416 with Content-Range bytes */size; a malformed one is ignored', async (t) => {
  const { app } = await stored(t);
  const get = (range: string) => app.inject({ method: 'GET', url: '/api/storage/file/doc-1', headers: { range } });

  const beyond = await get(`bytes=${pdf.length}-`);
  assertProblem(beyond, { status: 416, code: 'STORAGE.RANGE_NOT_SATISFIABLE' });
  assert.equal(beyond.headers['content-range'], `bytes */${pdf.length}`);
  assertProblem(await get('bytes=-0'), { status: 416, code: 'STORAGE.RANGE_NOT_SATISFIABLE' });

  const malformed = await get('bytes=9-2');
  assert.equal(malformed.statusCode, 200);
  assert.deepEqual(malformed.rawPayload, pdf);
});

test('If-None-Match with the ETag is 304 without a body; another ETag gets the file', async (t) => {
  const { app } = await stored(t);
  const get = (tag: string) =>
    app.inject({ method: 'GET', url: '/api/storage/file/doc-1', headers: { 'if-none-match': tag } });

  const same = await get(etag);
  assert.equal(same.statusCode, 304);
  assert.equal(same.body, '');
  assert.equal(same.headers['etag'], etag);
  assert.equal((await get(`"other", W/${etag}`)).statusCode, 304);
  assert.equal((await get('"other"')).statusCode, 200);
});

test('If-Range with a stale ETag gets the whole file instead of the range', async (t) => {
  const { app } = await stored(t);

  const stale = await app.inject({
    method: 'GET',
    url: '/api/storage/file/doc-1',
    headers: { range: 'bytes=0-4', 'if-range': '"stale"' },
  });

  assert.equal(stale.statusCode, 200);
  assert.deepEqual(stale.rawPayload, pdf);
});

test('an unknown id is 404 and an unsafe one 400, as problems', async (t) => {
  const { app } = await stored(t);

  assertProblem(await app.inject({ method: 'GET', url: '/api/storage/file/nope' }), {
    status: 404,
    code: 'STORAGE.NOT_FOUND',
  });
  // A literal `.` or `..` (even as %2E%2E) never reaches the route: URLs are normalised first.
  for (const id of ['%2E%2E%2Fx', 'a%2Fb', 'a:b', 'a%20b']) {
    assertProblem(await app.inject({ method: 'GET', url: `/api/storage/file/${id}` }), {
      status: 400,
      code: 'REQUEST.VALIDATION_FAILED',
    });
  }
});
