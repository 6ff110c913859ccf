import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { openEmbeddedBus } from '@eventflow/bus/embedded';
import {
  busObserver,
  closeAndExit,
  createLogger,
  createServiceMetrics,
  onShutdownSignal,
  serveApp,
  type LoggingOptions,
  type ProcessLike,
  type RunningService,
} from '@eventflow/service';
import { operationLogOf, type AnyServiceDescriptor } from '../descriptor.ts';
import { embeddedDataDir, parseEmbeddedEnvironment, type Environment } from '../environment.ts';
import { hostApp } from '../host-app.ts';
import { startOrder } from '../order.ts';
import { embeddedOpeners } from '../ports/embedded-ports.ts';
import { ServiceRegistry, type RegistryEntry } from '../registry/registry.ts';
import { loggingFor } from '../logging.ts';
import { operationLogTopic } from '@eventflow/oplog';

export interface EmbeddedPlatformOptions {
  /** The environment (`GATEWAY_HOST`, `GATEWAY_PORT`, `EVENTFLOW_DATA`, `LOG_LEVEL`, `LOG_FORMAT`, services' own). */
  readonly env: Environment;
  /** The repository root: the default data folder is `<root>/.data/embedded`. */
  readonly root: string;
  /** The systems to run (default all); `platform` services always run. */
  readonly systems?: readonly string[];
  /** Where log lines go (default stdout) and whether stdout is a terminal (pretty lines). */
  readonly logger?: LoggingOptions | false;
  readonly isTTY?: boolean;
  /**
   * The process whose SIGINT/SIGTERM close the platform and exit (0, or 1 when closing fails or
   * outlasts 10 s). Absent: signals are left alone (tests close the platform themselves).
   */
  readonly process?: ProcessLike;
}

export interface RunningPlatform {
  /** The front door, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly dataDir: string;
  readonly registry: ServiceRegistry;
  readonly services: readonly { readonly name: string; readonly url: string }[];
  /** Closes the front door, then every service (callers before callees), then the shared bus. Idempotent. */
  close(): Promise<void>;
}

/** Ignores signals: the platform, not each embedded service, handles SIGINT and SIGTERM. */
const noSignals: ProcessLike = { once: () => undefined, off: () => undefined, exit: () => undefined };

/**
 * The whole platform in this process (`npm start`): one embedded bus, each service on the embedded
 * adapters of the ports it needs and on a loopback port of its own, and the front door in front,
 * so requests take the same HTTP path as in distributed mode, without servers.
 */
export async function runEmbeddedPlatform(
  descriptors: readonly AnyServiceDescriptor[],
  options: EmbeddedPlatformOptions,
): Promise<RunningPlatform> {
  const env = parseEmbeddedEnvironment(options.env);
  const dataDir = resolve(embeddedDataDir(env, options.root));
  await mkdir(dataDir, { recursive: true });
  const chosen = selectSystems(descriptors, options.systems);
  const ordered = startOrder(chosen);
  const registry = new ServiceRegistry(ordered.map(registryEntry));
  const metrics = createServiceMetrics({ service: 'platform' });
  const bus = await openEmbeddedBus({ dir: join(dataDir, 'bus'), observer: busObserver(metrics) });
  const logger = options.logger ?? loggingFor(env, options.isTTY ?? false);
  const running: RunningService[] = [];
  let closing: Promise<void> | undefined;
  // Every service is closed even if one fails to (its error is raised once all are closed).
  const close = () =>
    (closing ??= (async () => {
      const failures: unknown[] = [];
      for (const service of running.slice().reverse()) await service.close().catch((e: unknown) => failures.push(e));
      await bus.close().catch((e: unknown) => failures.push(e));
      if (failures.length > 0) throw new AggregateError(failures, 'the platform did not close cleanly');
    })());
  // A service starts as soon as every service it calls listens (the front door after all the
  // others): independent services open their databases side by side.
  const served = new Map<string, RunningService>();
  // One failed start stops the others' waiting (for the schema registry, say): the platform fails now.
  const givenUp = new AbortController();
  let firstFailure: { readonly error: unknown } | undefined;
  const startOne = async (descriptor: AnyServiceDescriptor): Promise<void> => {
    const front = descriptor.front === true;
    const app = await hostApp(descriptor, {
      mode: 'embedded',
      env: options.env,
      bus,
      ownsBus: false,
      openers: embeddedOpeners(dataDir, descriptor.name, env),
      registry,
      urlOf: (name) => registry.urlOf(name),
      metrics: front ? metrics : createServiceMetrics({ service: descriptor.name }),
      logger,
      spoolDir: join(dataDir, 'spool', descriptor.name),
      signal: givenUp.signal,
    });
    const service = await serveApp(app, {
      host: front ? env.GATEWAY_HOST : '127.0.0.1',
      port: front ? env.GATEWAY_PORT : 0,
      process: noSignals,
    });
    served.set(descriptor.name, service);
    registry.listening(descriptor.name, service.url);
  };
  const started = new Map<string, Promise<void>>();
  for (const descriptor of ordered) {
    const before =
      descriptor.front === true
        ? [...started.values()]
        : (descriptor.calls ?? []).map((callee) => started.get(callee) ?? Promise.resolve());
    started.set(
      descriptor.name,
      Promise.all(before)
        .then(() => startOne(descriptor))
        .catch((error: unknown) => {
          firstFailure ??= { error };
          givenUp.abort(error);
          throw error;
        }),
    );
  }
  const outcomes = await Promise.allSettled(started.values());
  // Closed in reverse start order: callers before the services they call.
  for (const descriptor of ordered) {
    const service = served.get(descriptor.name);
    if (service !== undefined) running.push(service);
  }
  if (outcomes.some((outcome) => outcome.status === 'rejected')) {
    await close().catch(() => undefined);
    // The first to fail, not the others it stopped.
    throw firstFailure?.error;
  }
  if (options.process !== undefined) {
    const target = options.process;
    const log = createLogger(logger);
    onShutdownSignal(target, (signal) => {
      log.info({ signal }, 'stopping the platform');
      void closeAndExit(close, target, log, 10_000);
    });
  }
  const front = registry.entries.find((entry) => entry.front === true) ?? registry.entries.at(-1);
  return {
    url: front?.url ?? '',
    dataDir,
    registry,
    services: registry.entries.map((entry) => ({ name: entry.name, url: entry.url ?? '' })),
    close,
  };
}

/** The descriptors of the chosen systems, and the platform's own services. */
export function selectSystems(
  descriptors: readonly AnyServiceDescriptor[],
  systems: readonly string[] | undefined,
): AnyServiceDescriptor[] {
  if (systems === undefined || systems.length === 0) return [...descriptors];
  const known = new Set(descriptors.map((d) => d.system));
  const unknown = systems.filter((system) => !known.has(system));
  if (unknown.length > 0) {
    throw new Error(
      `unknown system ${unknown.join(', ')}: choose from ${[...known].filter((s) => s !== 'platform').join(', ')}`,
    );
  }
  return descriptors.filter((d) => d.system === 'platform' || systems.includes(d.system));
}

/** What the registry knows of a descriptor before it listens. */
export function registryEntry(descriptor: AnyServiceDescriptor): RegistryEntry {
  return {
    name: descriptor.name,
    system: descriptor.system,
    routes: descriptor.routes,
    logTopic: operationLogTopic(operationLogOf(descriptor).id).name,
    ...(descriptor.front === true ? { front: true } : {}),
    ...(descriptor.bodyLimit === undefined ? {} : { bodyLimit: descriptor.bodyLimit }),
  };
}
