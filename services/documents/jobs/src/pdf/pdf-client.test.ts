import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withCorrelation } from '@eventflow/correlation';
import { startFakePdfServer } from '../testing/fake-pdf-server.ts';
import { HttpPdfClient, PdfCallError } from './pdf-client.ts';

const request = { clientId: 'client-1', correlationId: 'corr-1', generatedAt: '2025-09-10T08:30:00.000Z' };

test('posts the report to /api/pdf/reports with the job’s correlation id and answers the stored file', async (t) => {
  const pdf = await startFakePdfServer();
  t.after(() => pdf.close());
  const client = new HttpPdfClient({ url: pdf.url });
  // Another correlation is current (the worker's own): the job's id still wins.
  const stored = await withCorrelation({ correlationId: 'other' }, () => client.generateReport(request));
  assert.equal(stored.correlationId, 'corr-1');
  assert.equal(pdf.calls[0]?.correlationHeader, 'corr-1');
  assert.deepEqual(pdf.calls[0]?.body, request);
});

test('a 5xx is retryable, a 4xx is not, and the problem’s code is kept', async (t) => {
  const pdf = await startFakePdfServer();
  t.after(() => pdf.close());
  const client = new HttpPdfClient({ url: pdf.url });
  for (const [status, retryable] of [
    [503, true],
    [429, true],
    [400, false],
    [409, false],
  ] as const) {
    pdf.failNext(1, status);
    const error = await client.generateReport(request).then(
      () => assert.fail('should fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof PdfCallError);
    assert.equal(error.status, status);
    assert.equal(error.code, 'FAKE.FAILURE');
    assert.equal(error.retryable, retryable, `status ${status}`);
  }
});

test('an unreachable server is a retryable failure', async () => {
  const client = new HttpPdfClient({ url: 'http://127.0.0.1:1', timeoutMs: 2000 });
  await assert.rejects(client.generateReport(request), (error: unknown) => {
    assert.ok(error instanceof PdfCallError);
    assert.equal(error.code, 'PDF.UNREACHABLE');
    assert.equal(error.retryable, true);
    return true;
  });
});
