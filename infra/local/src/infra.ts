import { infraPaths } from './paths.ts';
import { isAlive, readPid } from './process.ts';
import type { ProbeResult } from './probes.ts';
import { pidFileOf, type LocalServer, type ServerContext } from './server.ts';
import { ferretdb } from './servers/ferretdb.ts';
import { kafka } from './servers/kafka.ts';
import { mailpit } from './servers/mailpit.ts';
import { postgres } from './servers/postgres.ts';
import { redis } from './servers/redis.ts';
import { connectionSettings, envVarOf, isUserProvided, type ServerName } from './settings.ts';
import { waitFor } from './wait.ts';

/** Every server, in the order they start (FerretDB needs PostgreSQL). */
export const servers: readonly LocalServer[] = [postgres, redis, kafka, ferretdb, mailpit];

export interface InfraOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: (message: string) => void;
}

export interface UpOptions extends InfraOptions {
  /** Told of each server as soon as it is up, so a caller can stop them even if a later one fails. */
  readonly onStarted?: (name: ServerName) => void;
}

export interface ServerStatus {
  readonly name: ServerName;
  readonly title: string;
  readonly address: string;
  readonly probe: ProbeResult;
  /** Who runs it: this project (with its pid), the user (through an environment variable), or something else. */
  readonly owner: 'infra/local' | 'user' | 'other';
  readonly pid?: number;
}

function contextOf(options: InfraOptions): ServerContext {
  const env = options.env ?? process.env;
  return {
    paths: infraPaths(env),
    settings: connectionSettings(env),
    log: options.log ?? ((message) => process.stderr.write(`${message}\n`)),
  };
}

export function addressOf(context: ServerContext, name: ServerName): string {
  const s = context.settings;
  const byName: Record<ServerName, string> = {
    kafka: s.kafkaBrokers.join(','),
    postgres: redact(s.databaseUrl),
    redis: redact(s.redisUrl),
    mongodb: redact(s.mongodbUrl),
    smtp: `${redact(s.smtpUrl)} (API ${redact(s.mailpitUrl)})`,
  };
  return byName[name];
}

/**
 * Makes every server reachable: a server that already answers is left as it is (so a second `up`
 * is a no-op), one the user named through its environment variable must answer or we fail, and
 * the rest are installed once and started. Returns the servers this call started.
 */
export async function up(options: UpOptions = {}): Promise<ServerName[]> {
  const context = contextOf(options);
  const env = options.env ?? process.env;
  const toStart: LocalServer[] = [];
  for (const server of servers) {
    const probe = await probeOrAwaitOwn(server, context);
    if (probe.ok) {
      context.log(`✔ ${server.name.padEnd(8)} already running at ${addressOf(context, server.name)} (${probe.detail})`);
      continue;
    }
    if (isUserProvided(server.name, env)) {
      throw new Error(
        `${envVarOf[server.name]} points at ${addressOf(context, server.name)}, which does not answer: ${probe.detail}`,
      );
    }
    toStart.push(server);
  }
  // Installs run one at a time (apt-get holds a lock); starts run side by side, after what they need.
  for (const server of toStart) await server.install(context);
  const started: ServerName[] = [];
  const pending = new Map(toStart.map((server) => [server.name, server]));
  while (pending.size > 0) {
    const ready = [...pending.values()].filter((s) => s.needs.every((need) => !pending.has(need)));
    await Promise.all(
      ready.map(async (server) => {
        const began = Date.now();
        context.log(`… ${server.name.padEnd(8)} starting ${server.title}`);
        await server.start(context);
        const probe = await server.probe(context);
        context.log(
          `✔ ${server.name.padEnd(8)} up at ${addressOf(context, server.name)} in ${((Date.now() - began) / 1000).toFixed(1)} s (${probe.detail})`,
        );
        started.push(server.name);
        options.onStarted?.(server.name);
      }),
    ).finally(() => ready.forEach((server) => pending.delete(server.name)));
  }
  return started;
}

/** Stops the servers this project started (all of them, or those named); never the user's own. */
export async function down(options: InfraOptions & { only?: readonly ServerName[] } = {}): Promise<void> {
  const context = contextOf(options);
  for (const server of [...servers].reverse()) {
    if (options.only !== undefined && !options.only.includes(server.name)) continue;
    const pid = readPid(pidFileOf(context, server.name));
    if (pid === undefined || !isAlive(pid)) {
      context.log(`· ${server.name.padEnd(8)} not started by infra/local; left alone`);
      await server.stop(context);
      continue;
    }
    await server.stop(context);
    context.log(`✔ ${server.name.padEnd(8)} stopped (pid ${pid})`);
  }
}

export async function status(options: InfraOptions = {}): Promise<ServerStatus[]> {
  const context = contextOf(options);
  const env = options.env ?? process.env;
  return Promise.all(
    servers.map(async (server): Promise<ServerStatus> => {
      const pid = readPid(pidFileOf(context, server.name));
      const ours = pid !== undefined && isAlive(pid);
      return {
        name: server.name,
        title: server.title,
        address: addressOf(context, server.name),
        probe: await server.probe(context),
        owner: isUserProvided(server.name, env) ? 'user' : ours ? 'infra/local' : 'other',
        ...(ours ? { pid } : {}),
      };
    }),
  );
}

/** A server we started a moment ago (another `up`, say) may still be booting: give it time. */
async function probeOrAwaitOwn(server: LocalServer, context: ServerContext): Promise<ProbeResult> {
  const first = await server.probe(context);
  const pid = readPid(pidFileOf(context, server.name));
  if (first.ok || pid === undefined || !isAlive(pid)) return first;
  context.log(`… ${server.name.padEnd(8)} started earlier (pid ${pid}) but not answering yet; waiting`);
  await waitFor(async () => (await server.probe(context)).ok, {
    what: server.name,
    timeoutMs: 120_000,
    abandonIf: () => (isAlive(pid) ? undefined : 'exited'),
  }).catch(() => undefined);
  return server.probe(context);
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
