// A thread that enqueues jobs through the job server's HTTP API, `inFlight` calls at a time, as
// clients elsewhere would: POST /api/hangfire/jobs, each with an X-Correlation-Id of its own.
import { parentPort, workerData } from 'node:worker_threads';
import { correlationHeader } from '@eventflow/correlation';
import { epochMs, inParallel } from './threads.ts';

export interface EnqueueWork {
  readonly url: string;
  readonly count: number;
  readonly inFlight: number;
  /** Correlation ids are `<prefix>-<n>`. */
  readonly prefix: string;
}

export interface EnqueueResult {
  readonly ids: string[];
  /** When each call was sent and answered, epoch ms. */
  readonly sentAt: number[];
  readonly answeredAt: number[];
}

const port = parentPort!;
const work = workerData as EnqueueWork;

async function enqueueAll(): Promise<EnqueueResult> {
  const endpoint = `${work.url}/api/hangfire/jobs`;
  const result: EnqueueResult = { ids: [], sentAt: [], answeredAt: [] };
  let done = 0;
  const timer = setInterval(() => port.postMessage({ type: 'progress', done }), 200);
  try {
    await inParallel(work.count, work.inFlight, async (n) => {
      result.sentAt[n] = epochMs();
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [correlationHeader]: `${work.prefix}-${n}` },
        body: JSON.stringify({ clientId: 'bench' }),
      });
      const body = (await response.json()) as { id?: string };
      result.answeredAt[n] = epochMs();
      if (response.status !== 201 || body.id === undefined) {
        throw new Error(`enqueue answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
      }
      result.ids[n] = body.id;
      done++;
    });
  } finally {
    clearInterval(timer);
  }
  return result;
}

try {
  port.postMessage({ type: 'result', value: await enqueueAll() });
} catch (error) {
  port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
