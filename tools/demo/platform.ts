// The platform a demo runs on: the embedded one (`tools/start.ts`, no servers needed), the
// distributed one (`tools/start-distributed.ts`, on the real servers), each started as a child
// process on free ports with a data folder of its own; or one already running at a URL.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { selectSystems, startOrder } from '@eventflow/host';
import { freePortRange } from '@eventflow/service';
import { platform } from '../platform.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export type PlatformChoice = { readonly mode: 'embedded' | 'distributed' } | { readonly url: string };

export interface DemoPlatform {
  readonly url: string;
  /** What it is, for people: "embedded (started by the demo)". */
  readonly description: string;
  /** Each service's own URL (bypassing the gateway), when known: distributed platforms the demo started. */
  readonly services?: Readonly<Record<string, string>>;
  /** Stops what the demo started (nothing for a platform found at a URL); idempotent. */
  stop(): Promise<void>;
}

const scripts = { embedded: 'start.ts', distributed: 'start-distributed.ts' } as const;

export interface OpenOptions {
  /** Only these systems (`--systems`; the platform's own services always run); default all. */
  readonly systems?: readonly string[];
  /** More environment for the platform (its services' own variables: schemas, groups…). */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Whether the gateway serves the web console (default true, built first if its sources changed);
   * false serves an empty folder instead: no build, a faster start, nothing at /console.
   */
  readonly console?: boolean;
}

export async function openPlatform(
  choice: PlatformChoice,
  say: (line: string) => void,
  options: OpenOptions = {},
): Promise<DemoPlatform> {
  if ('url' in choice) {
    const url = choice.url.replace(/\/+$/, '');
    await awaitHealthy(url, 15_000);
    return { url, description: `already running at ${url}`, stop: () => Promise.resolve() };
  }
  const data = await mkdtemp(join(tmpdir(), `eventflow-demo-${choice.mode}-`));
  const env: Record<string, string> = { EVENTFLOW_DATA: data, GATEWAY_PORT: String(await freePortRange(1)) };
  const ordered = startOrder(selectSystems(platform, options.systems));
  let services: Record<string, string> | undefined;
  if (choice.mode === 'distributed') {
    const base = await freePortRange(platform.length);
    env['SERVICE_PORT_BASE'] = String(base);
    // As tools/start-distributed.ts numbers them: the services in start order from the base.
    services = Object.fromEntries(
      ordered.flatMap((d, i) => (d.front === true ? [] : [[d.name, `http://127.0.0.1:${base + i}`]])),
    );
    // Jobs in a schema of the demo's own: a platform of yours on the same PostgreSQL keeps its queue.
    env['JOBS_SCHEMA'] = 'demo_hangfire';
  }
  if (options.console === false) {
    env['CONSOLE_DIR'] = join(data, 'no-console');
    await mkdir(env['CONSOLE_DIR']);
  }
  Object.assign(env, options.env);
  const args = options.systems === undefined ? [] : ['--systems', options.systems.join(',')];
  const which = options.systems === undefined ? '' : ` with ${options.systems.join(', ')}`;
  say(`starting the ${choice.mode} platform${which} (tools/${scripts[choice.mode]}, data in ${data})…`);
  const began = Date.now();
  const child = await startChild(scripts[choice.mode], env, args).catch(async (error: unknown) => {
    await rm(data, { recursive: true, force: true });
    throw error;
  });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= child.stop().then(() => rm(data, { recursive: true, force: true }));
    return stopping;
  };
  try {
    await awaitHealthy(child.url, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  say(`platform up at ${child.url} (${((Date.now() - began) / 1000).toFixed(1)} s)`);
  return {
    url: child.url,
    description: `${choice.mode} (started by the demo, stopped at its end)`,
    ...(services === undefined ? {} : { services }),
    stop,
  };
}

interface Child {
  readonly url: string;
  stop(): Promise<void>;
}

/** Spawns a platform script and resolves once it prints "is up: URL"; rejects with its output if it exits first. */
function startChild(script: string, env: Record<string, string>, args: readonly string[] = []): Promise<Child> {
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', script), ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise<Child>((resolve, reject) => {
    const deadline = setTimeout(() => {
      void stop().then(() => reject(new Error(`the platform did not start within 180 s:\n${tail(output)}`)));
    }, 180_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /is up: (http:\/\/\S+)/.exec(output)?.[1];
      if (url !== undefined) {
        clearTimeout(deadline);
        resolve({ url, stop });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code, signal) => {
      clearTimeout(deadline);
      reject(new Error(`the platform exited (${signal ?? code}) before it was up:\n${tail(output)}`));
    });
  });
}

/** Awaits /health answering 200 with every service up (the job server opens its database in the background). */
async function awaitHealthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) });
      const body = (await response.json()) as { services?: Array<{ name: string; status: string }> };
      const down = (body.services ?? []).filter((s) => s.status !== 'up');
      if (response.ok && down.length === 0) return;
      last = `${response.status}; not up: ${down.map((s) => `${s.name} (${s.status})`).join(', ')}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(200);
  }
  throw new Error(`the platform at ${url} is not healthy after ${timeoutMs / 1000} s: ${last}`);
}

function tail(output: string): string {
  return output.trim().split('\n').slice(-20).join('\n');
}
