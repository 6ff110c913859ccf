import { readFileSync } from 'node:fs';
import type { Bus } from '@eventflow/bus';
import { logHttpOperations, OperationLog, OperationSpool, operationLogTopic } from '@eventflow/oplog';
import {
  buildService,
  ConfigError,
  parseConfig,
  type LoggingOptions,
  type ServiceApp,
  type ServiceMetrics,
  type Worker,
} from '@eventflow/service';
import { migrateSchema } from '@eventflow/sql';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import { operationLogObserver } from './oplog-metrics.ts';
import { operationLogOf, type AnyServiceDescriptor, type HostMode, type Ports } from './descriptor.ts';
import type { Environment } from './environment.ts';
import { openPorts, type PortOpeners } from './ports/port-set.ts';
import { urlVariable, type ServiceRegistry } from './registry/registry.ts';
import { routeCovers } from './routes.ts';
import { registerSchemas, registrationsOf, schemaRegistryName, type RegisteredType } from './schemas/publishes.ts';

/** This package's version: the platform's release (the workspace's packages are versioned together). */
const platformVersion = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface HostAppOptions {
  readonly mode: HostMode;
  /** Where the descriptor's own configuration is read from. */
  readonly env: Environment;
  readonly bus: Bus;
  /** Whether closing the service closes the bus too (a process's own Kafka client; not the shared embedded log). */
  readonly ownsBus: boolean;
  readonly openers: PortOpeners;
  readonly registry: ServiceRegistry;
  readonly urlOf: (service: string) => string;
  readonly metrics: ServiceMetrics;
  readonly logger: LoggingOptions | false;
  /** The folder of this instance's operation-log spool (records wait there until Kafka confirms them). */
  readonly spoolDir: string;
  /** Aborted when the start is given up (embedded: another service failed to start). */
  readonly signal?: AbortSignal;
}

/**
 * One service as the host builds it, in either mode: its configuration parsed, its ports opened and
 * checked in /health/ready, its operation log on `logs-<id>`, its requests recorded, its app built,
 * and the schemas of what it `publishes` registered (meanwhile, not before: see `registerPublished`).
 * Closing the app closes, in order: the service's own workers, the operation log (flushed), its ports,
 * and the bus when it owns it.
 */
export async function hostApp(descriptor: AnyServiceDescriptor, options: HostAppOptions): Promise<ServiceApp> {
  const config = configOf(descriptor, options.env);
  const stopRegistering = new AbortController();
  const registration = registerPublished(descriptor, options, stopRegistering.signal);
  // Awaited once the app is built; a failure before that is not an unhandled rejection.
  void registration.catch(() => undefined);
  const opened = await openPorts(descriptor.needs, options.bus, options.openers).catch(async (error: unknown) => {
    stopRegistering.abort();
    await registration.catch(() => undefined);
    throw error;
  });
  const names = operationLogOf(descriptor);
  const topic = operationLogTopic(names.id);
  let appLog: FastifyBaseLogger | undefined;
  const shipping = operationLogObserver(options.metrics, () => appLog);
  const log = new OperationLog({
    service: names.service,
    topic,
    bus: options.bus,
    observer: shipping.observer,
    spool: new OperationSpool({ dir: options.spoolDir }),
  });
  shipping.watch(log);
  const own: Worker[] = [
    ...(options.ownsBus ? [{ name: 'bus', close: () => options.bus.close() }] : []),
    { name: 'ports', close: () => opened.close() },
    { name: 'operation-log', close: () => log.close() },
  ];
  try {
    await options.bus.declare([topic]);
    const recovered = await log.recover();
    await migrate(descriptor, config, opened.ports);
    const definition = await descriptor.build({
      mode: options.mode,
      config: config as never,
      // The host opened exactly the ports the descriptor needs.
      ports: opened.ports as Ports,
      log,
      urlOf: options.urlOf,
      registry: options.registry,
      portChecks: opened.checks,
    });
    const app = buildService(
      {
        description: descriptor.description,
        ...definition,
        // The platform's release when the service names none (every package moves in step).
        version: definition.version ?? platformVersion,
        readiness: [...opened.checks, ...(definition.readiness ?? [])],
        // Closed newest first: the service's workers, then the log, then the ports, then the bus.
        workers: [...own, ...(definition.workers ?? [])],
      },
      {
        logger: options.logger,
        metrics: options.metrics,
        ...(descriptor.bodyLimit === undefined ? {} : { bodyLimit: descriptor.bodyLimit }),
      },
    );
    appLog = app.log;
    const registered = await registration;
    if (registered === undefined) {
      if ((descriptor.publishes?.length ?? 0) > 0)
        app.log.debug(`no ${schemaRegistryName} in the platform: publishes not registered`);
    } else {
      app.log.debug(
        { schemas: registered.map((r) => `${r.type} v${r.version}${r.created ? ' (new)' : ''}`) },
        'schemas registered',
      );
    }
    warnAboutUnroutedPaths(app, descriptor);
    if (recovered > 0) app.log.warn({ recovered }, 'operation log: records from before a crash will be shipped again');
    const recording = descriptor.recordRequests ?? changesUnder(descriptor);
    if (recording !== 'self') logHttpOperations(app, log, { include: recording });
    return app;
  } catch (error) {
    stopRegistering.abort();
    await registration.catch(() => undefined);
    for (const worker of own.reverse()) await worker.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Registers the schema of each type the descriptor `publishes` in the platform's schema registry,
 * side by side with the rest of the start (the registry may be starting too: it is tried again until
 * it answers); undefined when there is nothing to register or no registry in the platform (a test of
 * a few services). Not a `calls` dependency on purpose: embedded, that would start every publisher
 * only once the registry's database is open.
 */
async function registerPublished(
  descriptor: AnyServiceDescriptor,
  options: HostAppOptions,
  stop: AbortSignal,
): Promise<RegisteredType[] | undefined> {
  const registrations = registrationsOf(descriptor.name, descriptor.publishes);
  if (registrations.length === 0 || descriptor.name === schemaRegistryName) return undefined;
  const known =
    options.registry.get(schemaRegistryName) !== undefined ||
    (options.mode === 'distributed' && options.env[urlVariable(schemaRegistryName)] !== undefined);
  if (!known) return undefined;
  return registerSchemas(registrations, {
    service: descriptor.name,
    url: () => options.urlOf(schemaRegistryName),
    signal: options.signal === undefined ? stop : AbortSignal.any([stop, options.signal]),
  });
}

/** The default operations: requests that may change something (not GET or HEAD) on the service's routes. */
function changesUnder(descriptor: AnyServiceDescriptor): (request: FastifyRequest) => boolean {
  return (request) => {
    if (request.method === 'GET' || request.method === 'HEAD') return false;
    const path = request.url.split('?')[0] ?? '';
    return descriptor.routes.some((route) => routeCovers(route, path));
  };
}

/** Applies the descriptor's migrations on its `sql` port, before it is built. */
async function migrate(descriptor: AnyServiceDescriptor, config: unknown, ports: Partial<Ports>): Promise<void> {
  const sets = descriptor.migrations?.(config as never) ?? [];
  if (sets.length === 0) return;
  if (ports.sql === undefined) throw new Error(`service ${descriptor.name} has migrations but does not need sql`);
  for (const set of sets) await migrateSchema(ports.sql, set);
}

/** The descriptor's own variables, parsed; an error names the service they belong to. */
function configOf(descriptor: AnyServiceDescriptor, env: Environment): unknown {
  if (descriptor.config === undefined) return {};
  try {
    return parseConfig(descriptor.config, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(error.issues.map((i) => ({ ...i, message: `${i.message} (service ${descriptor.name})` })));
  }
}

/**
 * Paths every service serves for the platform itself (the gateway reaches them under /services/<name>),
 * and `/internal/…`: service-to-service calls, reached through `urlOf`, never routed by the gateway.
 */
const platformPaths = /^\/(health|metrics|docs|internal)(\/|$)/;

/** A route outside the descriptor's `routes` is not reachable through the gateway: say so at start. */
function warnAboutUnroutedPaths(app: ServiceApp, descriptor: AnyServiceDescriptor): void {
  if (descriptor.front === true) return;
  const unrouted: string[] = [];
  app.addHook('onRoute', (route) => {
    const path = route.url.replace(/:([^/]+)/g, 'x');
    if (!platformPaths.test(route.url) && !descriptor.routes.some((r) => routeCovers(r, path))) {
      unrouted.push(`${String(route.method)} ${route.url}`);
    }
  });
  app.addHook('onReady', (done) => {
    if (unrouted.length > 0) {
      app.log.warn({ unrouted }, `routes outside the descriptor's routes are not reachable through the gateway`);
    }
    done();
  });
}
