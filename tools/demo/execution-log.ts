// The execution log of the documents demo: every operation record of its jobs, read from the
// logs-* topics through the logs service (what the console's Logs page shows), written as CSV and
// XLSX by the same code as `npm run logs -- export`.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FeedEntry } from '@eventflow/logs-service';
import { toCsv, toRow, writeXlsx } from '@eventflow/oplog/export';

interface Expected {
  readonly label: string;
  readonly topic: string;
  readonly matches: (entry: FeedEntry) => boolean;
}

/** The operations each report job makes, one record each at least (a retried job makes more). */
export const expectedOperations: readonly Expected[] = [
  { label: 'gateway enqueue', topic: 'logs-gateway', matches: (e) => e.record.endpoint.startsWith('POST ') },
  { label: 'gateway download', topic: 'logs-gateway', matches: (e) => e.record.endpoint.startsWith('GET ') },
  {
    label: 'job server enqueue',
    topic: 'logs-hangfire',
    matches: (e) => e.record.endpoint === 'POST /api/hangfire/jobs',
  },
  { label: 'job start', topic: 'logs-hangfire', matches: (e) => e.record.operation === 'job.start' },
  { label: 'job success', topic: 'logs-hangfire', matches: (e) => e.record.operation === 'job.success' },
  { label: 'PDF render', topic: 'logs-pdf', matches: (e) => e.record.operation === 'render' },
  { label: 'storage upload', topic: 'logs-storage', matches: (e) => e.record.operation === 'upload' },
  { label: 'storage download', topic: 'logs-storage', matches: (e) => e.record.operation === 'download' },
];

/** The expected operations that `entries` (of one correlation id) lack. */
export function missingOperations(entries: readonly FeedEntry[]): string[] {
  return expectedOperations
    .filter((expected) => !entries.some((e) => e.topic === expected.topic && expected.matches(e)))
    .map((expected) => expected.label);
}

/** The records of one correlation id, once every expected operation has arrived. */
export async function awaitRecords(url: string, correlationId: string, timeoutMs: number): Promise<FeedEntry[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const query = new URLSearchParams({ correlationId, limit: '2000' });
    const response = await fetch(`${url}/api/logs?${query.toString()}`, { signal: AbortSignal.timeout(10_000) });
    if (response.status !== 200) throw new Error(`GET /api/logs answered ${response.status}`);
    const { records } = (await response.json()) as { records: FeedEntry[] };
    const missing = missingOperations(records);
    if (missing.length === 0) return records;
    if (Date.now() > deadline) {
      throw new Error(
        `the operation records of ${correlationId} lack: ${missing.join(', ')} (after ${timeoutMs / 1000} s)`,
      );
    }
    await sleep(200);
  }
}

/** Writes execution-log.csv and execution-log.xlsx into `dir`, oldest record first; answers their paths. */
export async function writeExecutionLog(dir: string, entries: readonly FeedEntry[]) {
  const rows = [...entries].sort((a, b) => a.record.timestamp.localeCompare(b.record.timestamp)).map(toRow);
  const csv = join(dir, 'execution-log.csv');
  const xlsx = join(dir, 'execution-log.xlsx');
  await writeFile(csv, toCsv(rows));
  await writeXlsx(rows, xlsx);
  return { csv, xlsx, rows: rows.length };
}
