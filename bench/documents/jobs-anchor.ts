// The anchor: pg-boss alone on a fresh database of the same PostgreSQL, configured as the job
// server configures it (the queue's retry policy and NOTIFY, LISTEN/NOTIFY on, the same worker
// options), its handler the same HTTP call to the same PDF stand-in through the job server's own
// PdfClient, and pg-boss completing each job from the handler's per-job result. No HTTP API, no
// bookkeeping tables, no operation records or logs.
import { HttpPdfClient, defaultRetryPolicy } from '@eventflow/job-service';
import { PgBoss, type JobWithMetadata } from 'pg-boss';
import { JobTable } from './database.ts';
import type { JobsContender } from './jobs-flow.ts';
import { epochMs, inParallel } from './threads.ts';

const schema = 'anchor';
const queue = 'report';

export async function anchorContender(options: {
  readonly databaseUrl: string;
  readonly pdfUrl: string;
  readonly concurrency: number;
  readonly label: string;
}): Promise<JobsContender> {
  const boss = new PgBoss({ connectionString: options.databaseUrl, max: 10, schema, useListenNotify: true });
  boss.on('error', (error) => process.stderr.write(`pg-boss: ${error.message}\n`));
  await boss.start();
  const retry = {
    retryLimit: defaultRetryPolicy.retryLimit,
    retryDelay: defaultRetryPolicy.retryDelay,
    retryBackoff: defaultRetryPolicy.backoff,
    retryDelayMax: defaultRetryPolicy.retryDelayMax ?? 300,
  };
  await boss.createQueue(queue, { ...retry, notify: true, deleteAfterSeconds: 7 * 24 * 3600 });
  const pdf = new HttpPdfClient({ url: options.pdfUrl });
  type Data = { clientId: string; correlationId: string; generatedAt: string };
  const handle = async (job: JobWithMetadata<Data>) => {
    const file = await pdf.generateReport(job.data);
    return { id: job.id, status: 'completed' as const, output: { file } };
  };
  const concurrency = options.concurrency;
  await boss.work(
    queue,
    {
      includeMetadata: true,
      perJobResults: true,
      batchSize: Math.max(1, Math.ceil(concurrency / 2)),
      localConcurrency: concurrency > 1 ? 2 : 1,
      burstWhenBatchFull: true,
      pollingIntervalSeconds: 1,
      notifyPollingIntervalSeconds: 1,
    },
    (jobs: JobWithMetadata<Data>[]) => Promise.all(jobs.map(handle)),
  );
  const table = new JobTable(options.databaseUrl, schema, queue);
  let prefix = 0;
  return {
    label: options.label,
    table,
    async enqueue(count, inFlight, onProgress) {
      const run = `bench-${Date.now()}-${prefix++}`;
      const result = { ids: [] as string[], sentAt: [] as number[], answeredAt: [] as number[] };
      let done = 0;
      await inParallel(count, inFlight, async (n) => {
        result.sentAt[n] = epochMs();
        const data = { clientId: 'bench', correlationId: `${run}-${n}`, generatedAt: new Date().toISOString() };
        const id = await boss.send(queue, data, retry);
        result.answeredAt[n] = epochMs();
        if (id === null) throw new Error('pg-boss send answered no id');
        result.ids[n] = id;
        onProgress(++done);
      });
      return result;
    },
    async close() {
      await table.close();
      await boss.stop({ graceful: true, close: true, timeout: 10_000 });
    },
  };
}
