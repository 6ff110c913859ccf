import { buildService, type ServiceApp, type ServiceOptions } from '../build.ts';
import type { ServiceDefinition } from '../definition.ts';
import { closeAndExit, onShutdownSignal, type ProcessLike } from './shutdown.ts';

export interface RunConfig extends ServiceOptions {
  readonly host: string;
  /** 0 picks a free port (see `RunningService.url`). */
  readonly port: number;
  /** After a signal, how long closing may take before the process exits anyway (default 10 s). */
  readonly shutdownTimeoutMs?: number;
  /** The process whose signals stop the service (default `process`). */
  readonly process?: ProcessLike;
}

export interface RunningService {
  readonly app: ServiceApp;
  /** Where it listens, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** Stops accepting, finishes in-flight requests, closes the workers. Idempotent; does not exit. */
  close(): Promise<void>;
}

/**
 * Builds and starts the service, and on SIGINT/SIGTERM closes it gracefully and exits. This is
 * the whole of a service's bootstrap: its entry point parses config and calls this.
 */
export async function runService(definition: ServiceDefinition, config: RunConfig): Promise<RunningService> {
  return serveApp(buildService(definition, config), config);
}

/** Listens with an app already built (by `buildService`, or a builder on top of it such as the gateway's). */
export async function serveApp(
  app: ServiceApp,
  config: Omit<RunConfig, keyof ServiceOptions>,
): Promise<RunningService> {
  const target = config.process ?? process;
  const stopListening = onShutdownSignal(target, (signal) => {
    app.log.info({ signal }, 'shutting down');
    void closeAndExit(close, target, app.log, config.shutdownTimeoutMs ?? 10_000);
  });
  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    stopListening();
    closing ??= app.close();
    return closing;
  }
  try {
    // A burst of new connections (a crowd of buyers, a load test) must queue, not be reset: Node's
    // default accept backlog is 511; the kernel caps this at net.core.somaxconn.
    const url = await app.listen({ host: config.host, port: config.port, backlog: 4096 });
    return { app, url, close };
  } catch (error) {
    await close();
    throw error;
  }
}
