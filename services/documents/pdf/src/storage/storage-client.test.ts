import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { scriptedFetch, type ScriptStep } from '@eventflow/resilience/testing';
import { ServiceError } from '@eventflow/service';
import { testPolicy } from '../testing/pdf-app.ts';
import { StorageClient, type DocumentUpload } from './storage-client.ts';

const bytes = Buffer.from('%PDF-1.4\n% a tiny test document\n%%EOF\n');
const sha256 = createHash('sha256').update(bytes).digest('hex');
const document: DocumentUpload = {
  correlationId: 'corr-1',
  clientId: 'client-7',
  fileName: 'report.pdf',
  generatedAt: '2025-09-10T08:30:00.000Z',
  bytes,
};
const stored = {
  correlationId: 'corr-1',
  clientId: 'client-7',
  fileName: 'report.pdf',
  generatedAt: '2025-09-10T08:30:00.000Z',
  storedAt: '2025-09-10T08:30:01.000Z',
  size: bytes.length,
  sha256,
  contentType: 'application/pdf',
  path: '2025-09-10/corr-1.pdf',
  duplicate: false,
};
const problem = (status: number, code: string, detail: string) => ({
  status,
  body: { type: `urn:eventflow:problem:${code}`, title: code, status, code, detail },
});

function client(steps: readonly ScriptStep[]) {
  const fetch = scriptedFetch(steps);
  return { fetch, storage: new StorageClient({ url: 'http://storage.test/', policy: testPolicy, fetch }) };
}

async function rejection(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => assert.fail('expected a rejection'),
    (reason: unknown) => reason,
  );
  assert.ok(error instanceof ServiceError, String(error));
  return error;
}

describe('StorageClient.upload', () => {
  test('posts the file and its metadata as multipart to /api/storage/upload; returns what storage kept', async () => {
    const { fetch, storage } = client([{ status: 201, body: stored }]);
    const result = await storage.upload(document);
    assert.deepEqual(result, withoutContentType(stored), 'the metadata, duplicate included');
    const call = fetch.calls[0];
    assert.equal(call?.url, 'http://storage.test/api/storage/upload');
    assert.equal(call?.method, 'POST');
    const form = call?.body as FormData;
    for (const field of ['correlationId', 'clientId', 'fileName', 'generatedAt'] as const) {
      assert.equal(form.get(field), document[field]);
    }
    const file = form.get('file') as File;
    assert.equal(file.type, 'application/pdf');
    assert.equal(file.name, 'report.pdf');
    assert.ok(Buffer.from(await file.arrayBuffer()).equals(bytes));
  });

  test('retries what may pass (503, network) since an upload is idempotent per correlation id', async () => {
    const { fetch, storage } = client([{ fail: 'network' }, { status: 200, body: { ...stored, duplicate: true } }]);
    assert.equal((await storage.upload(document)).duplicate, true);
    assert.equal(fetch.calls.length, 2);
  });

  test('409 is PDF.CONFLICT, saying what storage said, without a retry', async () => {
    const { fetch, storage } = client([problem(409, 'STORAGE.CONFLICT', 'A different file is already stored')]);
    const error = await rejection(storage.upload(document));
    assert.equal(error.code, 'PDF.CONFLICT');
    assert.equal(error.status, 409);
    assert.match(error.detail ?? '', /STORAGE\.CONFLICT: A different file is already stored/);
    assert.deepEqual(error.extra['storage'], {
      status: 409,
      code: 'STORAGE.CONFLICT',
      title: 'STORAGE.CONFLICT',
      detail: 'A different file is already stored',
    });
    assert.equal(fetch.calls.length, 1);
  });

  test('another 4xx is a refusal: PDF.STORAGE_REJECTED (502), without a retry', async () => {
    const { fetch, storage } = client([problem(415, 'STORAGE.NOT_A_PDF', 'The file does not start with %PDF-')]);
    const error = await rejection(storage.upload(document));
    assert.equal(error.code, 'PDF.STORAGE_REJECTED');
    assert.equal(error.status, 502);
    assert.match(error.detail ?? '', /415 STORAGE\.NOT_A_PDF/);
    assert.equal(fetch.calls.length, 1);
  });

  test('a 400 refuses the report’s own fields: PDF.REPORT_REFUSED (400), without a retry', async () => {
    const { fetch, storage } = client([
      problem(400, 'STORAGE.GENERATED_AT_OUT_OF_RANGE', 'generatedAt 0458-04-07T05:13:02Z is out of range'),
    ]);
    const error = await rejection(storage.upload(document));
    assert.equal(error.code, 'PDF.REPORT_REFUSED');
    assert.equal(error.status, 400);
    assert.match(error.detail ?? '', /STORAGE\.GENERATED_AT_OUT_OF_RANGE/);
    assert.equal(fetch.calls.length, 1);
  });

  test('a 500 on every try is PDF.STORAGE_FAILED (502)', async () => {
    const { fetch, storage } = client([problem(500, 'INTERNAL', 'disk full')]);
    const error = await rejection(storage.upload(document));
    assert.equal(error.code, 'PDF.STORAGE_FAILED');
    assert.equal(fetch.calls.length, 2);
  });

  test('503 on every try is PDF.STORAGE_UNAVAILABLE with storage’s Retry-After', async () => {
    const { storage } = client([
      { status: 503, headers: { 'retry-after': '0' } },
      { status: 503, headers: { 'retry-after': '7' } },
    ]);
    const error = await rejection(storage.upload(document));
    assert.equal(error.code, 'PDF.STORAGE_UNAVAILABLE');
    assert.equal(error.status, 503);
    assert.equal(error.extra['retryAfterSeconds'], 7);
  });

  test('unreachable is PDF.STORAGE_UNAVAILABLE, naming the server', async () => {
    const { fetch, storage } = client([{ fail: 'network' }]);
    const error = await rejection(storage.upload(document));
    assert.equal(error.code, 'PDF.STORAGE_UNAVAILABLE');
    assert.match(error.detail ?? '', /http:\/\/storage\.test could not be reached: connect ECONNREFUSED/);
    assert.equal(fetch.calls.length, 2);
  });

  test('a storage server that does not answer in time is PDF.STORAGE_UNAVAILABLE (fake clock)', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    const fetch = scriptedFetch([{ fail: 'hang' }]);
    const storage = new StorageClient({ url: 'http://storage.test', policy: { timeoutMs: 300 }, fetch });
    const upload = rejection(storage.upload(document));
    await fetch.called(1);
    t.mock.timers.tick(300);
    const error = await upload;
    assert.equal(error.code, 'PDF.STORAGE_UNAVAILABLE');
    assert.equal(error.detail, 'The storage server did not answer within 300 ms');
  });

  test('an answer that does not match what was sent is PDF.STORAGE_BAD_RESPONSE', async () => {
    const { storage } = client([{ status: 201, body: { ...stored, sha256: '0'.repeat(64) } }]);
    assert.equal((await rejection(storage.upload(document))).code, 'PDF.STORAGE_BAD_RESPONSE');
    const { storage: other } = client([{ status: 201, body: { hello: 'world' } }]);
    assert.equal((await rejection(other.upload(document))).code, 'PDF.STORAGE_BAD_RESPONSE');
  });
});

function withoutContentType(file: typeof stored): Omit<typeof stored, 'contentType'> {
  return Object.fromEntries(Object.entries(file).filter(([key]) => key !== 'contentType')) as Omit<
    typeof stored,
    'contentType'
  >;
}
