// One measured run of a job contender: N jobs enqueued, `inFlight` enqueue calls at a time, while
// its workers run; done when pg-boss's table shows all N completed. Latency per job is the time
// from the moment its enqueue call was sent (client clock) to its `completed_on` (PostgreSQL's
// clock; the same machine, so the same clock).
import { performance } from 'node:perf_hooks';
import { Progress } from '../lib/progress.ts';
import { summarize, type Summary } from '../lib/stats.ts';
import { within } from '../lib/deadline.ts';
import type { JobTable } from './database.ts';
import type { EnqueueResult } from './enqueue-client.ts';

export interface JobsContender {
  readonly label: string;
  readonly table: JobTable;
  /** Enqueues `count` jobs, `inFlight` at a time; answers when each was sent and its id. */
  enqueue(count: number, inFlight: number, onProgress: (done: number) => void): Promise<EnqueueResult>;
  close(): Promise<void>;
}

export interface FlowFigures {
  readonly count: number;
  /** Jobs/s from the first send to the last enqueue answered. */
  readonly enqueueRate: number;
  /** Jobs/s from the first send to the last completion. */
  readonly completionRate: number;
  /** Send → completed, ms. */
  readonly latency: Summary;
  /** How busy this thread's event loop (the contender's) was during the run, 0..1. */
  readonly busy: number;
}

export async function measureFlow(
  contender: JobsContender,
  count: number,
  inFlight: number,
  timeoutMs: number,
): Promise<FlowFigures> {
  let enqueued = 0;
  let completed = 0;
  const progress = new Progress(contender.label, count, 'jobs');
  const stop = progress.watch(() => ({ done: completed, note: `${enqueued.toLocaleString('en-US')} enqueued` }));
  let watching = true;
  const loop = performance.eventLoopUtilization();
  const allCompleted = (async () => {
    while (watching) {
      const counts = await contender.table.counts();
      completed = counts.completed;
      if (counts.failed > 0) throw new Error(`${counts.failed} job(s) failed an attempt: ${counts.error ?? '?'}`);
      if (completed >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    const sent = await within(
      Promise.race([contender.enqueue(count, inFlight, (done) => (enqueued = done)), allCompleted.then(() => never)]),
      timeoutMs,
      `${contender.label}: enqueueing ${count} jobs`,
    );
    enqueued = count;
    await within(allCompleted, timeoutMs, `${contender.label}: completing ${count} jobs`);
    const busy = performance.eventLoopUtilization(loop).utilization;
    return { ...(await figures(contender, sent, count)), busy };
  } finally {
    watching = false;
    await allCompleted.catch(() => undefined);
    stop();
  }
}

const never = new Promise<never>(() => undefined);

async function figures(
  contender: JobsContender,
  sent: EnqueueResult,
  count: number,
): Promise<Omit<FlowFigures, 'busy'>> {
  const sentAt = new Map(sent.ids.map((id, n) => [id, sent.sentAt[n]!]));
  const latencies: number[] = [];
  let lastCompleted = 0;
  for (const job of await contender.table.times()) {
    const at = sentAt.get(job.id);
    if (at === undefined) continue;
    latencies.push(job.completed - at);
    lastCompleted = Math.max(lastCompleted, job.completed);
  }
  if (latencies.length !== count)
    throw new Error(`${contender.label}: ${latencies.length} of ${count} jobs found completed`);
  const first = Math.min(...sent.sentAt);
  const lastAnswer = Math.max(...sent.answeredAt);
  return {
    count,
    enqueueRate: count / ((lastAnswer - first) / 1000),
    completionRate: count / ((lastCompleted - first) / 1000),
    latency: summarize(latencies),
  };
}
