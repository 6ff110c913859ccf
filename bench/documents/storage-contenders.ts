// The two servers of the storage benchmark, each in a temporary folder of its own for one run:
// ours (the storage server, built and served in this process as in distributed mode, operation
// records to a Kafka topic of the run's own, pino at info with its lines discarded) and nginx.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bus } from '@eventflow/bus';
import { OperationLog, operationLogTopic } from '@eventflow/oplog';
import { buildService, serveApp } from '@eventflow/service';
import { storageService } from '@eventflow/storage-service';
import { benchName } from '../lib/names.ts';
import { startNginx } from './nginx.ts';
import type { StorageTarget } from './storage-client.ts';

export interface StorageServer {
  readonly target: StorageTarget;
  readonly url: string;
  /** Stops the server and removes its folder; answers a note on what it did (records shipped). */
  stop(): Promise<string>;
}

const discard = { write: (_line: string) => undefined };

export async function startOurs(bus: Bus, track: (topic: string) => void): Promise<StorageServer> {
  const root = await mkdtemp(join(tmpdir(), 'eventflow-bench-storage-'));
  const topic = operationLogTopic(benchName('storage'));
  track(topic.name);
  await bus.declare([topic]);
  const log = new OperationLog({ service: 'storage-server', topic, bus });
  const app = buildService(storageService({ root, log }), { logger: { level: 'info', stream: discard } });
  const served = await serveApp(app, { host: '127.0.0.1', port: 0 });
  return {
    target: 'ours',
    url: served.url,
    async stop() {
      await served.close();
      await log.close();
      await rm(root, { recursive: true, force: true });
      const { shipped, dropped } = log.stats;
      return `operation records: ${shipped} shipped, ${dropped} dropped`;
    },
  };
}

export async function startNginxServer(workers: number): Promise<StorageServer> {
  const dir = await mkdtemp(join(tmpdir(), 'eventflow-bench-nginx-'));
  try {
    const nginx = await startNginx({ dir, workers });
    return {
      target: 'nginx',
      url: nginx.url,
      async stop() {
        await nginx.stop();
        await rm(dir, { recursive: true, force: true });
        return '';
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
