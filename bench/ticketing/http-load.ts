// A closed-loop HTTP GET client: `concurrency` lanes on keep-alive connections (node:http, one Agent),
// each sending its next request when the last answer is read whole. The same client for every
// contender of a benchmark. Either for a time (reads) or for a number of groups of sequential
// requests (the HTTP anchor: one group stands for one reservation's round trips).
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  /** One per request (or per group): sent → whole answer read, ms. */
  readonly latencies: number[];
  /** First send → last answer, ms. */
  readonly elapsedMs: number;
  /** Requests sent (all of them, in groups too). */
  readonly requests: number;
  /** Answers other than `expect`, by status (0: no answer), with an example. */
  readonly unexpected: Readonly<Record<number, number>>;
  readonly example?: string;
  /** How busy the client's event loop was, 0..1 (near 1: the client sets the pace, not the server). */
  readonly clientBusy: number;
}

function get(agent: Agent, url: URL): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

interface Plan {
  readonly url: string;
  readonly concurrency: number;
  readonly expect?: number;
  /** Called every 100 ms with the requests answered so far. */
  readonly onProgress?: (done: number) => void;
}

async function drive(plan: Plan, next: () => number | undefined): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: plan.concurrency, maxFreeSockets: plan.concurrency });
  const url = new URL(plan.url);
  const expect = plan.expect ?? 200;
  const latencies: number[] = [];
  const unexpected: Record<number, number> = {};
  let example: string | undefined;
  let requests = 0;
  const timer = setInterval(() => plan.onProgress?.(requests), 100);
  const loop = performance.eventLoopUtilization();
  const began = performance.now();
  try {
    await Promise.all(
      Array.from({ length: plan.concurrency }, async () => {
        for (let group = next(); group !== undefined; group = next()) {
          const sent = performance.now();
          for (let i = 0; i < group; i++) {
            const answer = await get(agent, url).catch((error: unknown) => ({ status: 0, body: String(error) }));
            requests++;
            if (answer.status !== expect) {
              unexpected[answer.status] = (unexpected[answer.status] ?? 0) + 1;
              example ??= `${answer.status} ${answer.body.slice(0, 200)}`;
            }
          }
          latencies.push(performance.now() - sent);
        }
      }),
    );
  } finally {
    clearInterval(timer);
    agent.destroy();
  }
  const elapsedMs = performance.now() - began;
  return {
    latencies,
    elapsedMs,
    requests,
    unexpected,
    ...(example === undefined ? {} : { example }),
    clientBusy: performance.eventLoopUtilization(loop).utilization,
  };
}

/** GET `url` for `seconds`, one request per latency. */
export function loadFor(plan: Plan & { readonly seconds: number }): Promise<LoadResult> {
  const until = performance.now() + plan.seconds * 1000;
  return drive(plan, () => (performance.now() < until ? 1 : undefined));
}

/** `groups.length` groups of `groups[i]` sequential GETs of `url`; one latency per group. */
export function loadGroups(plan: Plan & { readonly groups: readonly number[] }): Promise<LoadResult> {
  let next = 0;
  return drive(plan, () => (next < plan.groups.length ? plan.groups[next++] : undefined));
}
