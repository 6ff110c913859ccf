import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { eventually } from '@eventflow/bus/testing';
import { freePortRange } from '@eventflow/service';
import { platform as services } from '../platform.ts';

export const kafkaBrokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
export const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';

type Platform = Awaited<ReturnType<typeof startPlatform>>;

/** Starts a platform script, returns its front URL once it says it is up, and stops it after the test. */
export async function startPlatform(
  t: { after: (fn: () => Promise<void>) => void },
  script: string,
  env: Record<string, string>,
): Promise<{ url: string; output: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', script)], {
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
 * `npm run start:distributed` for one test: every service its own process on the real Kafka and
 * PostgreSQL, on free ports, with a data folder and a job-server schema of its own, both removed
 * after the test (after the platform has stopped).
 */
export async function startDistributedPlatform(
  t: { after: (fn: () => Promise<void>) => void },
  name: string,
): Promise<Platform & { readonly schema: string }> {
  const data = await mkdtemp(join(tmpdir(), `eventflow-${name}-`));
  const schema = `${name.replaceAll('-', '_')}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const cleanUp = async () => {
    await dropJobSchemas(schema);
    await rm(data, { recursive: true, force: true });
  };
  const platform = await startPlatform(t, 'start-distributed.ts', {
    GATEWAY_PORT: String(await freePortRange(1)),
    SERVICE_PORT_BASE: String(await freePortRange(services.length)),
    EVENTFLOW_DATA: data,
    JOBS_SCHEMA: schema,
    KAFKA_BROKERS: kafkaBrokers.join(','),
    DATABASE_URL: databaseUrl,
  }).catch(async (error: unknown) => {
    await cleanUp();
    throw error;
  });
  t.after(cleanUp); // after hooks run in order: startPlatform's stop first, then this
  return { ...platform, schema };
}

/** Drops the job server's schemas (pg-boss's and its own `<schema>_server`). */
async function dropJobSchemas(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_server CASCADE`);
  } finally {
    await client.end();
  }
}
