// The ticketing platform a benchmark measures, started as `npm start` and `npm run start:distributed`
// start it (tools/demo/platform.ts: child processes, free ports, a data folder of their own), with
// only the ticketing system behind the gateway. Distributed runs get PostgreSQL schemas, a MongoDB
// database and a consumer group of their own, dropped at the end, so runs never see each other's rows.
// With `profileDir`, every platform process writes a V8 CPU profile there when it stops.
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { connectionSettings } from '@eventflow/infra-local';
import { openPlatform, type DemoPlatform } from '../../tools/demo/platform.ts';
import { say } from '../lib/progress.ts';

export type Mode = 'embedded' | 'distributed';

export interface BenchPlatform extends DemoPlatform {
  readonly mode: Mode;
}

export interface StartOptions {
  /** Where each platform process writes its `.cpuprofile` (node --cpu-prof) when it stops. */
  readonly profileDir?: string;
  /** More environment for the services. */
  readonly env?: Readonly<Record<string, string>>;
}

export async function startTicketing(mode: Mode, options: StartOptions = {}): Promise<BenchPlatform> {
  const run = `bench_tk_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  const schemas = {
    INVENTORY_SCHEMA: `${run}_inventory`,
    RESERVATIONS_SCHEMA: `${run}_reservations`,
    PAYMENTS_SCHEMA: `${run}_payments`,
    PAYMENT_PROVIDER_SCHEMA: `${run}_provider`,
  };
  const settings = connectionSettings();
  const mongo = new URL(settings.mongodbUrl);
  mongo.pathname = `/${run}`;
  const env: Record<string, string> = {
    ...(mode === 'distributed'
      ? { ...schemas, MONGODB_URL: mongo.toString(), EVENTS_PROJECTION_GROUP: `events-disponibles-${run}` }
      : {}),
    ...(options.profileDir === undefined
      ? {}
      : {
          NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --cpu-prof --cpu-prof-dir=${options.profileDir}`.trim(),
        }),
    ...options.env,
  };
  const platform = await openPlatform({ mode }, say, { systems: ['ticketing'], env, console: false });
  const drop = async () => {
    if (mode !== 'distributed') return;
    const client = new pg.Client({ connectionString: settings.databaseUrl });
    await client.connect();
    try {
      for (const schema of Object.values(schemas)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
    const mongoClient = new MongoClient(settings.mongodbUrl);
    try {
      await mongoClient.db(run).dropDatabase();
    } finally {
      await mongoClient.close();
    }
  };
  let stopping: Promise<void> | undefined;
  return {
    ...platform,
    mode,
    stop: () =>
      (stopping ??= platform
        .stop()
        .then(drop)
        .catch((error: unknown) => say(`clean-up after the ${mode} platform failed: ${String(error)}`))),
  };
}

/** GET and PUT the payment simulator's behaviour; answers what it was, to put back. */
export async function setProvider(
  url: string,
  change: { latencia_ms?: string; tasa_rechazo?: number },
): Promise<{ latencia_ms: string; tasa_rechazo: number }> {
  const before = (await (await fetch(`${url}/api/proveedor-pagos/control`)).json()) as {
    latencia_ms: string;
    tasa_rechazo: number;
  };
  const response = await fetch(`${url}/api/proveedor-pagos/control`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(change),
  });
  if (!response.ok) throw new Error(`PUT /api/proveedor-pagos/control: ${response.status} ${await response.text()}`);
  return { latencia_ms: before.latencia_ms, tasa_rechazo: before.tasa_rechazo };
}
