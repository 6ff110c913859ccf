import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { freePortRange } from '@eventflow/service';
import { platform as services } from '../platform.ts';
import { runIsolation } from './isolation.ts';

export const kafkaBrokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
export const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';

type Platform = Awaited<ReturnType<typeof startPlatform>>;

/** Starts a platform script, returns its front URL once it says it is up, and stops it after the test. */
export async function startPlatform(
  t: { after: (fn: () => Promise<void>) => void },
  script: string,
  env: Record<string, string>,
  args: readonly string[] = [],
): Promise<{ url: string; output: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', script), ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  t.after(async () => {
    await stop();
  });
  await eventually(
    () => /is up: (http:\/\/\S+)/.test(output) || child.exitCode !== null,
    'the platform to start',
    120_000,
  );
  const url = /is up: (http:\/\/\S+)/.exec(output)?.[1];
  assert.ok(url !== undefined, `the platform did not start:\n${output}`);
  return { url, output: () => output, stop };
}

/**
 * `npm start` for one test: the embedded platform on a free port, in a data folder of its own, which
 * is removed once the platform has stopped (or at once when it does not start).
 */
export async function startEmbeddedPlatform(t: TestContext, name: string): Promise<Platform> {
  const data = await mkdtemp(join(tmpdir(), `${name}-`));
  const removeData = () => rm(data, { recursive: true, force: true });
  const platform = await startPlatform(t, 'start.ts', { GATEWAY_PORT: '0', EVENTFLOW_DATA: data }).catch(
    async (error: unknown) => {
      await removeData();
      throw error;
    },
  );
  // After hooks run in order: the platform stops (startPlatform's hook) before its folder goes.
  t.after(removeData);
  return platform;
}

export interface DistributedOptions {
  /** Servers of the test's own (a private Kafka or PostgreSQL, say) instead of the shared ones. */
  readonly kafkaBrokers?: readonly string[];
  readonly databaseUrl?: string;
  /** Only these systems (`--systems`); the platform's own services always run. Default all. */
  readonly systems?: readonly string[];
  /** More environment for every service. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * `npm run start:distributed` for one test: every service its own process on the real Kafka and
 * PostgreSQL (the shared ones, or those `options` name), on free ports, with a data folder and a
 * job-server schema of its own. One cleanup, registered with `t.after` (or a cleanup stack), stops the
 * platform first and then removes its folder and schemas, whatever order the hooks run in.
 */
export async function startDistributedPlatform(
  t: { after: (fn: () => Promise<void>) => void },
  name: string,
  options: DistributedOptions = {},
): Promise<Platform & { readonly schema: string; readonly data: string }> {
  const data = await mkdtemp(join(tmpdir(), `eventflow-${name}-`));
  const database = options.databaseUrl ?? databaseUrl;
  const isolation = runIsolation(name, database);
  const schema = isolation.env['JOBS_SCHEMA'] ?? '';
  let stopPlatform: () => Promise<void> = () => Promise.resolve();
  t.after(async () => {
    try {
      await stopPlatform();
      await isolation.drop();
    } finally {
      await rm(data, { recursive: true, force: true });
    }
  });
  const platform = await startPlatform(
    { after: (fn) => (stopPlatform = fn) },
    'start-distributed.ts',
    {
      GATEWAY_PORT: String(await freePortRange(1)),
      SERVICE_PORT_BASE: String(await freePortRange(services.length)),
      EVENTFLOW_DATA: data,
      ...isolation.env,
      KAFKA_BROKERS: (options.kafkaBrokers ?? kafkaBrokers).join(','),
      DATABASE_URL: database,
      ...options.env,
    },
    options.systems === undefined ? [] : ['--systems', options.systems.join(',')],
  );
  return { ...platform, schema, data };
}
