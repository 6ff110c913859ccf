// Ours: the job server itself (jobService, built and served as in distributed mode) on a fresh
// PostgreSQL database, its operation records shipped to a Kafka topic of the run's own, pino
// logging at info (lines formatted, then discarded), clients on a thread of their own.
import type { Bus } from '@eventflow/bus';
import { jobService } from '@eventflow/job-service';
import { OperationLog, operationLogTopic } from '@eventflow/oplog';
import { buildService, serveApp } from '@eventflow/service';
import { within } from '../lib/deadline.ts';
import { benchName } from '../lib/names.ts';
import { JobTable } from './database.ts';
import type { EnqueueResult, EnqueueWork } from './enqueue-client.ts';
import type { JobsContender } from './jobs-flow.ts';
import { run } from './threads.ts';

export interface OursOptions {
  readonly databaseUrl: string;
  readonly pdfUrl: string;
  readonly bus: Bus;
  /** Topics made, for deletion at the end. */
  readonly track: (topic: string) => void;
  readonly concurrency: number;
  readonly label: string;
}

const schema = 'hangfire';
/** pino's destination: every line is formatted as in production, and then dropped. */
const discard = { write: (_line: string) => undefined };

export async function oursContender(options: OursOptions): Promise<JobsContender & { logStats(): string }> {
  const topic = operationLogTopic(benchName('hangfire'));
  options.track(topic.name);
  await options.bus.declare([topic]);
  const log = new OperationLog({ service: 'hangfire-server', topic, bus: options.bus });
  const definition = jobService({
    db: options.databaseUrl,
    pdf: { url: options.pdfUrl },
    log,
    schema,
    concurrency: options.concurrency,
  });
  const app = buildService(definition, { logger: { level: 'info', stream: discard } });
  const served = await serveApp(app, { host: '127.0.0.1', port: 0 });
  await within(ready(served.url), 60_000, 'the job server becoming ready');
  const table = new JobTable(options.databaseUrl, schema, 'report');
  let prefix = 0;
  return {
    label: options.label,
    table,
    enqueue(count, inFlight, onProgress) {
      const work: EnqueueWork = { url: served.url, count, inFlight, prefix: `bench-${Date.now()}-${prefix++}` };
      return run<EnqueueResult>(
        new URL('./enqueue-client.ts', import.meta.url),
        work,
        'the enqueue client',
        30 * 60_000,
        onProgress,
      );
    },
    logStats: () => {
      const { shipped, dropped, buffered } = log.stats;
      return `${shipped} shipped, ${dropped} dropped, ${buffered} buffered`;
    },
    async close() {
      await table.close();
      await served.close();
      await log.close();
    },
  };
}

async function ready(url: string): Promise<void> {
  for (;;) {
    const response = await fetch(`${url}/health/ready`).catch(() => undefined);
    await response?.body?.cancel();
    if (response?.ok === true) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
