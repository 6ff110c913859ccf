import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reportOf } from './report.ts';
import { sampleRows } from './sample-rows.ts';

const now = () => new Date('2025-09-10T08:30:00Z');

test('defaults: title, sample rows from the client id, file name from client and date, now', () => {
  const report = reportOf({ clientId: 'client-7' }, 'corr-1', now);
  assert.deepEqual(report, {
    correlationId: 'corr-1',
    clientId: 'client-7',
    title: 'Client report',
    rows: sampleRows('client-7'),
    fileName: 'report-client-7-2025-09-10.pdf',
    generatedAt: '2025-09-10T08:30:00.000Z',
  });
});

test('a given generation time is normalised to UTC', () => {
  const report = reportOf({ clientId: 'c', generatedAt: '2025-09-10T23:30:00-02:00' }, 'x', now);
  assert.equal(report.generatedAt, '2025-09-11T01:30:00.000Z');
  assert.equal(report.fileName, 'report-c-2025-09-11.pdf');
});

test('sample rows: twelve months, the same for a client, different between clients, 500 to 10,000', () => {
  const rows = sampleRows('client-7');
  assert.equal(rows.length, 12);
  assert.equal(rows[0]?.label, 'January sales');
  assert.deepEqual(sampleRows('client-7'), rows);
  assert.notDeepEqual(sampleRows('client-8'), rows);
  for (const { value } of rows) assert.ok(value >= 500 && value <= 10_000 && Number(value.toFixed(2)) === value);
});
