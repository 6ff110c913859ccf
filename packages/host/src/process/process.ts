import { join, resolve } from 'node:path';
import { createKafkaBus } from '@eventflow/bus/kafka';
import { busObserver, createServiceMetrics, serveApp, type ProcessLike, type RunningService } from '@eventflow/service';
import type { AnyServiceDescriptor } from '../descriptor.ts';
import { parseProcessEnvironment, type Environment } from '../environment.ts';
import { hostApp } from '../host-app.ts';
import { loggingFor } from '../logging.ts';
import { distributedOpeners } from '../ports/distributed-ports.ts';
import { parseRegistry, urlVariable } from '../registry/registry.ts';

export interface ServiceProcessOptions {
  /** Default `process.env`: the only place the environment is read. */
  readonly env?: Environment;
  /** The process whose signals stop the service (default `process`). */
  readonly process?: ProcessLike;
  readonly isTTY?: boolean;
}

/**
 * One service as its own process (distributed mode) on the real servers the environment names: its
 * Kafka client reporting into its /metrics, its ports, its operation log, listening on HOST:PORT
 * (default its descriptor's port); SIGINT/SIGTERM close it in order. A service's `main.ts` is
 * `await runServiceProcess(descriptor)`.
 */
export async function runServiceProcess(
  descriptor: AnyServiceDescriptor,
  options: ServiceProcessOptions = {},
): Promise<RunningService> {
  const envSource = options.env ?? process.env;
  const env = parseProcessEnvironment(envSource);
  const registry = parseRegistry(env.SERVICE_REGISTRY);
  const metrics = createServiceMetrics({ service: descriptor.name });
  const bus = await createKafkaBus({
    brokers: env.KAFKA_BROKERS.split(',').filter((b) => b !== ''),
    clientId: `${descriptor.name}-service`,
    observer: busObserver(metrics),
  });
  const app = await hostApp(descriptor, {
    mode: 'distributed',
    env: envSource,
    bus,
    ownsBus: true,
    openers: distributedOpeners(env, descriptor.name),
    registry,
    // `<NAME>_URL` wins over the registry, so one service can be pointed elsewhere by hand.
    urlOf: (name) => envSource[urlVariable(name)] ?? registry.urlOf(name),
    metrics,
    logger: loggingFor(env, options.isTTY ?? process.stdout.isTTY),
    spoolDir: join(resolve(env.EVENTFLOW_DATA), 'spool', env.INSTANCE_ID ?? descriptor.name),
  }).catch(async (error: unknown) => {
    await bus.close().catch(() => undefined);
    throw error;
  });
  return serveApp(app, {
    host: env.HOST,
    port: env.PORT ?? descriptor.port,
    ...(options.process === undefined ? {} : { process: options.process }),
  });
}
