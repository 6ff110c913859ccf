import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { scriptedFetch, type ScriptStep } from '@eventflow/resilience/testing';
import { assertProblem, injectJson } from '@eventflow/service/testing';
import { pdfApp } from '../testing/pdf-app.ts';

const url = '/api/pdf/reports';

async function appWith(t: Parameters<typeof pdfApp>[0], steps: readonly ScriptStep[] = [{ status: 500 }]) {
  const fetch = scriptedFetch(steps);
  return { fetch, ...(await pdfApp(t, 'http://storage.test', { fetch })) };
}

const invalid: Array<readonly [string, unknown]> = [
  ['no client id', {}],
  ['an unsafe client id', { clientId: '../etc' }],
  ['an unsafe correlation id', { clientId: 'c', correlationId: '..' }],
  ['an empty title', { clientId: 'c', title: '' }],
  ['a row without a value', { clientId: 'c', rows: [{ label: 'a' }] }],
  ['a value that is not a number', { clientId: 'c', rows: [{ label: 'a', value: 'lots' }] }],
  ['a value out of range', { clientId: 'c', rows: [{ label: 'a', value: 2e9 }] }],
  ['more than 1000 rows', { clientId: 'c', rows: Array.from({ length: 1001 }, () => ({ label: 'a', value: 1 })) }],
  ['a file name with a slash', { clientId: 'c', fileName: 'a/b.pdf' }],
  ['a file name not ending .pdf', { clientId: 'c', fileName: 'report.txt' }],
  ['a generation time without a zone', { clientId: 'c', generatedAt: '2025-09-10T08:30:00' }],
];

describe('POST /api/pdf/reports: refusals', () => {
  for (const [what, payload] of invalid) {
    test(`${what} is a 400, and storage is never called`, async (t) => {
      const { app, fetch, records } = await appWith(t);
      const response = await injectJson(app, { method: 'POST', url, payload });
      assertProblem(response, { status: 400, code: 'REQUEST.VALIDATION_FAILED' });
      assert.equal(fetch.calls.length, 0);
      await eventually(() => records.length === 1, 'the operation record');
      assert.equal(records[0]?.success, false);
      assert.equal(records[0]?.statusCode, 400);
      assert.equal(records[0]?.error, 'REQUEST.VALIDATION_FAILED');
    });
  }

  test('a request correlation id unfit for a file name, and none in the body, is a 400', async (t) => {
    const { app, fetch } = await appWith(t);
    const response = await injectJson(app, {
      method: 'POST',
      url,
      payload: { clientId: 'c' },
      headers: { 'x-correlation-id': 'trace:42' },
    });
    assertProblem(response, { status: 400, code: 'PDF.INVALID_CORRELATION_ID', detail: /trace:42/ });
    assert.equal(fetch.calls.length, 0);
  });

  test('storage unavailable is a 503 with Retry-After, recorded as a failed render', async (t) => {
    const { app, fetch, records, storage } = await appWith(t, [{ status: 503, headers: { 'retry-after': '5' } }]);
    const response = await injectJson(app, { method: 'POST', url, payload: { clientId: 'c', correlationId: 'doc-1' } });
    assertProblem(response, { status: 503, code: 'PDF.STORAGE_UNAVAILABLE' });
    assert.equal(response.headers['retry-after'], '5');
    assert.equal(fetch.calls.length, 2);
    assert.equal(storage.policy.circuit, 'closed');
    await eventually(() => records.length === 1, 'the operation record');
    const record = records.find((r) => r.correlationId === 'doc-1');
    assert.ok(record, 'a record for the document');
    assert.equal(record.operation, 'render');
    assert.equal(record.success, false);
    assert.equal(record.statusCode, 503);
    assert.equal(record.error, 'PDF.STORAGE_UNAVAILABLE');
    assert.equal(record.fileName, 'report-c-2025-09-10.pdf');
    assert.equal(record.endpoint, 'POST /api/pdf/reports');
  });
});
