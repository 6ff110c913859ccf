// `npm run demo -- documents`: spec 000 end to end. Three report jobs for three clients go through
// the gateway to the job server, which has the PDF server render each and store it on the storage
// server; each PDF is downloaded by its correlation id, and every operation record of the three
// (logs-gateway, logs-hangfire, logs-pdf, logs-storage) is written as CSV and XLSX.
import { randomBytes } from 'node:crypto';
import type { JobView } from '@eventflow/job-service';
import type { FeedEntry } from '@eventflow/logs-service';
import { awaitRecords, writeExecutionLog } from './execution-log.ts';
import type { Progress } from './progress.ts';
import { awaitJob, download, enqueue, type Downloaded, type ReportJob } from './report-job.ts';
import { table } from './table.ts';

export interface DocumentsDemoOptions {
  /** The platform's front door. */
  readonly url: string;
  /** Where the PDFs and the execution log go (it exists). */
  readonly outDir: string;
  readonly progress: Progress;
  /** Each job's deadline to succeed (default 120 s). */
  readonly jobTimeoutMs?: number;
}

const reports = [
  { clientId: 'acme', title: 'Quarterly statement' },
  { clientId: 'globex', title: 'Usage report' },
  { clientId: 'initech', title: 'Invoice summary' },
] as const;

/** Runs the demo and answers its summary (for stdout); throws on the first thing that goes wrong. */
export async function documentsDemo(options: DocumentsDemoOptions): Promise<string> {
  const { url, outDir, progress } = options;
  const run = `${stamp(new Date())}-${randomBytes(2).toString('hex')}`;
  const jobs: ReportJob[] = reports.map((report, i) => ({
    ...report,
    index: i + 1,
    count: reports.length,
    correlationId: `demo-${run}-${i + 1}`,
  }));

  progress.say(`enqueueing ${jobs.length} report jobs through ${url}/api/hangfire/jobs`);
  const created: JobView[] = [];
  for (const job of jobs) created.push(await enqueue(url, job, progress));

  const downloads = await Promise.all(
    jobs.map(async (job, i) => {
      const id = created[i]?.id ?? '';
      const done = await awaitJob(url, job, id, progress, options.jobTimeoutMs ?? 120_000);
      return download(url, job, done, outDir, progress);
    }),
  );

  progress.say('awaiting every operation record on logs-gateway, logs-hangfire, logs-pdf and logs-storage');
  const records = await Promise.all(
    jobs.map(async (job) => {
      const entries = await awaitRecords(url, job.correlationId, 60_000);
      progress.step(job, 'logged', countByTopic(entries));
      return entries;
    }),
  );
  const log = await writeExecutionLog(outDir, records.flat());
  progress.say(`wrote ${log.rows} operation records to ${log.csv} and ${log.xlsx}`);
  return summary(jobs, downloads, records, { ...log, outDir });
}

function summary(
  jobs: readonly ReportJob[],
  downloads: readonly Downloaded[],
  records: ReadonlyArray<readonly FeedEntry[]>,
  files: { outDir: string; csv: string; xlsx: string; rows: number },
): string {
  const rows = jobs.map((job, i) => {
    const done = downloads[i]?.job;
    const entries = records[i] ?? [];
    const took =
      done?.startedAt === undefined || done.finishedAt === undefined
        ? ''
        : `${((Date.parse(done.finishedAt) - Date.parse(done.startedAt)) / 1000).toFixed(2)} s`;
    return [
      String(job.index),
      job.clientId,
      job.correlationId,
      done?.state ?? '',
      String(done?.attempts ?? ''),
      done?.result?.fileName ?? '',
      String(downloads[i]?.bytes ?? ''),
      took,
      `${entries.length} (${entries.filter((e) => e.record.success).length} ok)`,
    ];
  });
  return [
    'Documents demo: 3 report jobs, end to end',
    '',
    table(['#', 'client', 'correlation id', 'state', 'attempts', 'PDF', 'bytes', 'job took', 'log records'], rows),
    '',
    `PDFs:          ${downloads.map((d) => d.path).join('\n               ')}`,
    `execution log: ${files.csv}`,
    `               ${files.xlsx}  (${files.rows} records)`,
    `folder:        ${files.outDir}`,
    '',
  ].join('\n');
}

function countByTopic(entries: readonly FeedEntry[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.topic, (counts.get(e.topic) ?? 0) + 1);
  const parts = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([topic, n]) => `${topic} ${n}`);
  return `${entries.length} records: ${parts.join(', ')}`;
}

/** 20250910-083000 (UTC): sortable, and safe in a correlation id and a folder name. */
export function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replaceAll('-', '')
    .replaceAll(':', '')
    .replace('T', '-');
}
