// The benchmarks' other parties run on threads of their own (a client, a stand-in server), so the
// system measured has the main thread's event loop to itself, as it would in its own process.
import { Worker } from 'node:worker_threads';
import { within } from '../lib/deadline.ts';

/** What a thread says: it is up (with what to tell), it progressed, it finished, or it failed. */
export type ThreadMessage<Ready, Result> =
  | { readonly type: 'ready'; readonly value: Ready }
  | { readonly type: 'progress'; readonly done: number }
  | { readonly type: 'result'; readonly value: Result }
  | { readonly type: 'error'; readonly message: string };

/** A thread that serves until closed. */
export interface ServingThread<Ready> {
  readonly value: Ready;
  close(): Promise<void>;
}

function failed(worker: Worker, what: string): Promise<never> {
  return new Promise((_, reject) => {
    worker.once('error', (error: Error) => reject(new Error(`${what}: ${error.message}`)));
    worker.once('exit', (code) => reject(new Error(`${what} exited (code ${code}) before it answered`)));
  });
}

/** Starts a serving thread and waits (up to `ms`) for its ready message. */
export async function serve<Ready>(
  module: URL,
  data: unknown,
  what: string,
  ms = 60_000,
): Promise<ServingThread<Ready>> {
  const worker = new Worker(module, { workerData: data });
  const ready = new Promise<Ready>((resolve, reject) => {
    worker.on('message', (message: ThreadMessage<Ready, never>) => {
      if (message.type === 'ready') resolve(message.value);
      if (message.type === 'error') reject(new Error(`${what}: ${message.message}`));
    });
  });
  try {
    const value = await within(Promise.race([ready, failed(worker, what)]), ms, `${what} start`);
    return {
      value,
      async close() {
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        worker.postMessage('close');
        await within(exited, 30_000, `${what} close`).catch(async () => void (await worker.terminate()));
      },
    };
  } catch (error) {
    await worker.terminate();
    throw error;
  }
}

/** Runs a thread to its result (up to `ms`), reporting its progress messages. */
export async function run<Result>(
  module: URL,
  data: unknown,
  what: string,
  ms: number,
  onProgress: (done: number) => void = () => undefined,
): Promise<Result> {
  const worker = new Worker(module, { workerData: data });
  const result = new Promise<Result>((resolve, reject) => {
    worker.on('message', (message: ThreadMessage<never, Result>) => {
      if (message.type === 'progress') onProgress(message.done);
      if (message.type === 'result') resolve(message.value);
      if (message.type === 'error') reject(new Error(`${what}: ${message.message}`));
    });
  });
  try {
    return await within(Promise.race([result, failed(worker, what)]), ms, what);
  } finally {
    await worker.terminate();
  }
}

/** N calls of `work`, `width` at a time, each given its index. */
export async function inParallel(count: number, width: number, work: (n: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, lane));
}

/** Epoch milliseconds with sub-millisecond precision, comparable across threads and with PostgreSQL's clock. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}
