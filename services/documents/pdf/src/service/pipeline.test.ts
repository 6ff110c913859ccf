import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { assertProblem, injectJson } from '@eventflow/service/testing';
import { reportOf } from '../report/report.ts';
import { renderReport } from '../render/render-report.ts';
import { fixedNow, pdfApp } from '../testing/pdf-app.ts';
import { readPdf } from '../testing/pdf-text.ts';
import { startStorageServer } from '../testing/storage-server.ts';

interface Stored {
  correlationId: string;
  clientId: string;
  fileName: string;
  generatedAt: string;
  size: number;
  sha256: string;
  storedAt: string;
  path: string;
  duplicate: boolean;
  pages: number;
}

const url = '/api/pdf/reports';
const rows = Array.from({ length: 120 }, (_, i) => ({ label: `Line ${i + 1}`, value: i * 3.25 }));
const request = { clientId: 'client-7', correlationId: 'job-1', title: 'Monthly statement', rows };

describe('PDF Server → Storage Server, for real', () => {
  test('renders, stores synchronously, and answers with what storage kept: the very bytes rendered', async (t) => {
    const storage = await startStorageServer(t);
    const { app } = await pdfApp(t, storage.url);
    const response = await injectJson<Stored>(app, { method: 'POST', url, payload: request });
    assert.equal(response.statusCode, 201, response.text);
    const body = response.body;
    assert.equal(body.correlationId, 'job-1');
    assert.equal(body.clientId, 'client-7');
    assert.equal(body.fileName, 'report-client-7-2025-09-10.pdf');
    assert.equal(body.generatedAt, fixedNow.toISOString());
    assert.equal(body.path, '2025-09-10/job-1.pdf');
    assert.equal(body.duplicate, false);
    assert.ok(body.pages > 1);

    const onDisk = await readFile(join(storage.root, body.path));
    const expected = await renderReport(reportOf(request, 'job-1', () => fixedNow));
    assert.ok(onDisk.equals(expected.bytes), 'storage holds exactly what was rendered');
    assert.equal(body.sha256, createHash('sha256').update(onDisk).digest('hex'));
    assert.equal(body.size, onDisk.length);
    const pdf = await readPdf(onDisk);
    assert.equal(pdf.pageCount, body.pages);
    assert.ok(pdf.pages[0]?.includes('Monthly statement'));
    assert.ok(pdf.pages[0]?.includes(`Page 1 of ${body.pages}`));
  });

  test('the same job again is an idempotent 200 duplicate; different inputs under its id are a 409', async (t) => {
    const storage = await startStorageServer(t);
    const { app } = await pdfApp(t, storage.url);
    const generatedAt = '2025-09-10T06:00:00Z';
    const first = await injectJson<Stored>(app, { method: 'POST', url, payload: { ...request, generatedAt } });
    assert.equal(first.statusCode, 201, first.text);
    const again = await injectJson<Stored>(app, { method: 'POST', url, payload: { ...request, generatedAt } });
    assert.equal(again.statusCode, 200, again.text);
    assert.equal(again.body.duplicate, true);
    assert.equal(again.body.sha256, first.body.sha256);
    assert.equal(again.body.storedAt, first.body.storedAt);

    const changed = await injectJson(app, {
      method: 'POST',
      url,
      payload: { ...request, generatedAt, title: 'Other' },
    });
    const problem = assertProblem(changed, { status: 409, code: 'PDF.CONFLICT', detail: /job-1.*STORAGE\.CONFLICT/ });
    assert.equal((problem['storage'] as { code: string }).code, 'STORAGE.CONFLICT');
  });

  test('the correlation id travels: header to storage, form field, and both services’ operation logs', async (t) => {
    const storage = await startStorageServer(t);
    const pdf = await pdfApp(t, storage.url);
    const headers = { 'x-correlation-id': 'job-77' };
    const response = await injectJson<Stored>(pdf.app, { method: 'POST', url, payload: { clientId: 'c-1' }, headers });
    assert.equal(response.statusCode, 201, response.text);
    assert.equal(response.body.correlationId, 'job-77', 'the request’s id names the document by default');

    const uploadLine = storage.lines.find((line) => line['operation'] === 'upload');
    assert.equal(uploadLine?.['correlationId'], 'job-77', 'storage handled the upload under the forwarded id');
    assert.equal(uploadLine?.['requestCorrelationId'], undefined, 'and the header matched the form field');

    await eventually(() => storage.records.length === 1 && pdf.records.length === 1, 'both operation records');
    const [stored] = storage.records;
    const [rendered] = pdf.records;
    assert.equal(stored?.correlationId, 'job-77');
    assert.equal(stored?.operation, 'upload');
    assert.equal(stored?.success, true);
    assert.equal(rendered?.correlationId, 'job-77');
    assert.equal(rendered?.service, 'pdf-server');
    assert.equal(rendered?.operation, 'render');
    assert.equal(rendered?.fileName, 'report-c-1-2025-09-10.pdf');
    assert.equal(rendered?.success, true);
    assert.equal(rendered?.statusCode, 201);
    const payload = JSON.parse(rendered?.payload ?? '{}') as Record<string, unknown>;
    assert.equal(payload['clientId'], 'c-1');
    assert.equal(payload['rows'], 12);
    assert.equal(payload['sha256'], response.body.sha256);
  });

  test('a document id other than the request’s: storage sees both, the header as the request’s', async (t) => {
    const storage = await startStorageServer(t);
    const { app } = await pdfApp(t, storage.url);
    const headers = { 'x-correlation-id': 'trace-9' };
    const payload = { clientId: 'c-1', correlationId: 'doc-5' };
    assert.equal((await injectJson(app, { method: 'POST', url, payload, headers })).statusCode, 201);
    const uploadLine = storage.lines.find((line) => line['operation'] === 'upload');
    assert.equal(uploadLine?.['correlationId'], 'doc-5');
    assert.equal(uploadLine?.['requestCorrelationId'], 'trace-9');
  });
});
