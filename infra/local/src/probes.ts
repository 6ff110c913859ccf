import { Admin } from '@platformatic/kafka';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import pg from 'pg';

/** What a real protocol round trip to a server found: reachable and answering, or why not. */
export interface ProbeResult {
  readonly ok: boolean;
  readonly detail: string;
}

const probeTimeoutMs = 3000;

/** Asks the cluster for its metadata: answers only once a broker and its controller are up. */
export async function probeKafka(brokers: readonly string[]): Promise<ProbeResult> {
  const admin = new Admin({
    clientId: 'eventflow-probe',
    bootstrapBrokers: [...brokers],
    retries: 0,
    timeout: probeTimeoutMs,
    connectTimeout: probeTimeoutMs,
  });
  try {
    const metadata = await admin.metadata({ topics: [] });
    if (metadata.controllerId < 0 || metadata.brokers.size === 0) {
      return { ok: false, detail: 'cluster has no controller or broker yet' };
    }
    return { ok: true, detail: `cluster ${metadata.id}, ${metadata.brokers.size} broker(s)` };
  } catch (error) {
    return { ok: false, detail: describe(error) };
  } finally {
    await admin.close().catch(() => undefined);
  }
}

/** Runs `SELECT version()`. */
export async function probePostgres(url: string): Promise<ProbeResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: probeTimeoutMs });
  try {
    await client.connect();
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return { ok: true, detail: `PostgreSQL ${result.rows[0]?.server_version ?? '?'}` };
  } catch (error) {
    return { ok: false, detail: describe(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Sends PING and reads the server's version. */
export async function probeRedis(url: string): Promise<ProbeResult> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: probeTimeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const pong = await redis.ping();
    const info = await redis.info('server');
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
    return { ok: pong === 'PONG', detail: `Redis ${version}` };
  } catch (error) {
    return { ok: false, detail: describe(error) };
  } finally {
    redis.disconnect();
  }
}

/** Runs the `ping` and `buildInfo` commands over the MongoDB wire protocol. */
export async function probeMongo(url: string): Promise<ProbeResult> {
  const client = new MongoClient(url, {
    serverSelectionTimeoutMS: probeTimeoutMs,
    connectTimeoutMS: probeTimeoutMs,
  });
  try {
    await client.connect();
    const admin = client.db('admin');
    await admin.command({ ping: 1 });
    const info = await admin.command({ buildInfo: 1 });
    const ferret = info['ferretdbVersion'] as string | undefined;
    return {
      ok: true,
      detail:
        ferret === undefined
          ? `MongoDB ${String(info['version'])}`
          : `FerretDB ${ferret} (MongoDB ${String(info['version'])} wire)`,
    };
  } catch (error) {
    return { ok: false, detail: describe(error) };
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** Asks Mailpit's HTTP API for `/api/v1/info` (its version and how many messages it holds). */
export async function probeMailpit(url: string): Promise<ProbeResult> {
  try {
    const response = await fetch(new URL('api/v1/info', url.endsWith('/') ? url : `${url}/`), {
      signal: AbortSignal.timeout(probeTimeoutMs),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      return { ok: false, detail: `GET /api/v1/info answered ${response.status}` };
    }
    const info = (await response.json()) as { Version?: string; Messages?: number };
    return { ok: true, detail: `Mailpit ${info.Version ?? '?'}, ${info.Messages ?? '?'} message(s)` };
  } catch (error) {
    // fetch reports "fetch failed" and puts what happened (ECONNREFUSED...) in the cause.
    return { ok: false, detail: describe(error instanceof Error && error.cause !== undefined ? error.cause : error) };
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
