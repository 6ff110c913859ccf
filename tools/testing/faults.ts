// The fault-injection harness: find a process of a running platform, break it (or stop a private
// Kafka or PostgreSQL under load), and count what happened. Used by tools/faults/*.int.test.ts
// (issue 15), one test per finding.
import assert from 'node:assert/strict';
import { startPrivateServer, type PrivateServer, type PrivateServerName } from '@eventflow/infra-local';
import { freePortRange } from '@eventflow/service';

/** The pid of a service of a platform started by `start-distributed.ts`, as its output last gave it. */
export function servicePid(output: string, service: string): number {
  const pids = [...output.matchAll(new RegExp(`^\\s+${service}\\s+pid (\\d+)`, 'gm'))].map((m) => Number(m[1]));
  const pid = pids.at(-1);
  assert.ok(pid !== undefined, `no pid of ${service} in the platform's output`);
  return pid;
}

/** Kills a process without letting it clean up (a crash), and resolves once it is gone. */
export async function crash(pid: number): Promise<void> {
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while (alive(pid)) {
    assert.ok(Date.now() < deadline, `process ${pid} still alive after SIGKILL`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** What the gateway's /health says of one service right now. */
export async function serviceStatus(url: string, service: string): Promise<string | undefined> {
  const response = await fetch(`${url}/health`).catch(() => undefined);
  if (response === undefined) return undefined;
  const body = (await response.json()) as { services: Array<{ name: string; status: string }> };
  return body.services.find((s) => s.name === service)?.status;
}

/** A private Kafka or PostgreSQL for one test, on free ports; the cleanup stops it and deletes its data. */
export async function privateServer(
  defer: (cleanup: () => Promise<void>) => void,
  name: PrivateServerName,
): Promise<PrivateServer> {
  const server = await startPrivateServer(name, {
    port: await freePortRange(name === 'kafka' ? 2 : 1), // Kafka's controller listens on port + 1
    log: () => undefined,
  });
  defer(() => server.remove());
  return server;
}

/** What one outage was: the server's pid before and after, and how long each part took. */
export interface Outage {
  readonly pidBefore: number | undefined;
  readonly pidAfter: number | undefined;
  /** How long the stop took (a controlled shutdown), or the kill. */
  readonly stopMs: number;
  /** From the moment the server stopped answering to the moment it answered again. */
  readonly downMs: number;
  /** How long the restart took (from the start command to the server answering). */
  readonly restartMs: number;
}

/**
 * Stops a server (as an operator would, or with SIGKILL), keeps it down for `ms` — and until
 * `whileDown` has checked what the test checks during the outage — then starts it again on the same
 * data and resolves once it answers.
 */
export async function stopServerFor(
  server: PrivateServer,
  ms: number,
  options: { readonly kill?: boolean; readonly whileDown?: () => Promise<void> } = {},
): Promise<Outage> {
  const pidBefore = server.pid();
  const stopping = performance.now();
  await (options.kill === true ? server.kill() : server.stop());
  const down = performance.now();
  const outage = new Promise((resolve) => setTimeout(resolve, ms)); // the fault itself lasts this long
  await Promise.all([outage, options.whileDown?.()]);
  const restart = performance.now();
  await server.start();
  const up = performance.now();
  return { pidBefore, pidAfter: server.pid(), stopMs: down - stopping, downMs: up - down, restartMs: up - restart };
}

/** The sum of a metric's samples (every label set) in a Prometheus text exposition at `url`. */
export async function metricAt(url: string, name: string): Promise<number> {
  const text = await (await fetch(url)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/**
 * Open-model load: `send(n)` is started `rate` times a second, whether or not the earlier ones have
 * answered (callers arrive as they would, also while the platform is slow or refusing), until
 * `stop()`, which awaits every call started and throws the first error one threw.
 */
export function startLoad(rate: number, send: (n: number) => Promise<void>): { stop(): Promise<void> } {
  const pending = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  let next = 0;
  const timer = setInterval(() => {
    const call: Promise<void> = send(next++)
      .catch((error: unknown) => void (failure ??= { error }))
      .finally(() => pending.delete(call));
    pending.add(call);
  }, 1000 / rate);
  return {
    async stop() {
      clearInterval(timer);
      while (pending.size > 0) await Promise.all(pending);
      if (failure !== undefined) throw failure.error;
    },
  };
}
