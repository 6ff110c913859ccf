import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { OperationRecord } from '@eventflow/oplog';
import { recordingOperationLog } from '@eventflow/oplog/testing';
import { buildService, serveApp, type ProcessLike, type RunningService } from '@eventflow/service';
import { capturedLines } from '@eventflow/service/testing';
import { storageService } from '@eventflow/storage-service';

/** A real Storage Server listening on 127.0.0.1, on a temporary root, with its logs captured. */
export interface StorageServer {
  readonly root: string;
  /** Its base URL; stays the same across stop() and start(). */
  readonly url: string;
  /** Its operation records (logs-storage), across restarts. */
  readonly records: OperationRecord[];
  /** Its pino lines, across restarts. */
  readonly lines: Array<Record<string, unknown>>;
  /** Stops listening: the URL refuses connections. */
  stop(): Promise<void>;
  /** Listens again on the same port and root. */
  start(): Promise<void>;
}

export async function startStorageServer(t: TestContext): Promise<StorageServer> {
  const root = await mkdtemp(join(tmpdir(), 'pdf-storage-'));
  const { log, records } = recordingOperationLog('storage', 'storage-server');
  const { lines, stream } = capturedLines();
  const listen = (port: number): Promise<RunningService> => {
    const app = buildService(storageService({ root, log }), { logger: { stream }, defaultMetrics: false });
    return serveApp(app, { host: '127.0.0.1', port, process: inertProcess });
  };
  let running: RunningService | undefined = await listen(0);
  const url = running.url;
  const port = Number(new URL(url).port);
  const server: StorageServer = {
    root,
    url,
    records,
    lines,
    async stop() {
      await running?.close();
      running = undefined;
    },
    async start() {
      running ??= await listen(port);
    },
  };
  t.after(async () => {
    await server.stop();
    await log.close();
    await rm(root, { recursive: true, force: true });
  });
  return server;
}

/** Signals are the test runner's business: the server listens to none. */
const inertProcess: ProcessLike = Object.assign(new EventEmitter(), { exit: () => undefined });
