// What the platform runs: its services, their path prefixes, and how each is built. Both
// `npm start` (embedded, one process) and `npm run start:distributed` (a process each) read this.
import { join } from 'node:path';
import type { Bus } from '@eventflow/bus';
import { logsService } from '@eventflow/logs-service';
import { OperationLog, operationLogTopic } from '@eventflow/oplog';
import type { ServiceDefinition } from '@eventflow/service';
import { jobService } from '@eventflow/job-service';
import { pdfService } from '@eventflow/pdf-service';
import { storageService } from '@eventflow/storage-service';

/** The operation-log topics of the services (spec 000: logs-hangfire, logs-pdf, logs-storage). */
export const logTopics = ['logs-gateway', 'logs-hangfire', 'logs-pdf', 'logs-storage'];

export interface PlatformContext {
  readonly bus: Bus;
  /** The platform's data folder; each service keeps its files in a folder of its own inside. */
  readonly dataDir: string;
  /** Where the services built before this one listen (services are built in list order). */
  readonly urlOf: (service: string) => string;
}

export interface PlatformService {
  readonly name: string;
  /** Requests under this path go to the service. */
  readonly prefix: string;
  /** Its own process in distributed mode. */
  readonly entry: string;
  readonly port: number;
  /** Extra environment of its process in distributed mode. */
  env?(dataDir: string, urlOf: (service: string) => string): Record<string, string>;
  /** Its definition on a given bus, for the embedded platform. */
  build(context: PlatformContext): Promise<ServiceDefinition>;
}

/** An operation log shipping to `logs-<id>`, closed (flushed) with the service that owns it. */
async function operationLog(bus: Bus, id: string, service: string): Promise<OperationLog> {
  const topic = operationLogTopic(id);
  await bus.declare([topic]);
  return new OperationLog({ service, topic, bus });
}

function withLog(definition: ServiceDefinition, log: OperationLog): ServiceDefinition {
  // Workers close newest first: the log flushes after the service's own workers stop.
  return {
    ...definition,
    workers: [{ name: 'operation-log', close: () => log.close() }, ...(definition.workers ?? [])],
  };
}

export const platformServices: readonly PlatformService[] = [
  {
    name: 'logs',
    prefix: '/api/logs',
    entry: 'services/logs/src/main.ts',
    port: 8101,
    build: ({ bus }) => Promise.resolve(logsService({ bus, topics: logTopics })),
  },
  {
    name: 'storage',
    prefix: '/api/storage',
    entry: 'services/documents/storage/src/main.ts',
    port: 8103,
    env: (dataDir) => ({ STORAGE_ROOT: join(dataDir, 'storage') }),
    async build({ bus, dataDir }) {
      const log = await operationLog(bus, 'storage', 'storage-server');
      return withLog(storageService({ root: join(dataDir, 'storage'), log }), log);
    },
  },
  {
    name: 'pdf',
    prefix: '/api/pdf',
    entry: 'services/documents/pdf/src/main.ts',
    port: 8102,
    env: (_dataDir, urlOf) => ({ STORAGE_URL: urlOf('storage') }),
    async build({ bus, urlOf }) {
      const log = await operationLog(bus, 'pdf', 'pdf-server');
      return withLog(pdfService({ storage: { url: urlOf('storage') }, log }), log);
    },
  },
  {
    name: 'hangfire',
    prefix: '/api/hangfire',
    entry: 'services/documents/jobs/src/main.ts',
    port: 8104,
    env: (_dataDir, urlOf) => ({ PDF_URL: urlOf('pdf') }),
    async build({ bus, dataDir, urlOf }) {
      const log = await operationLog(bus, 'hangfire', 'hangfire-server');
      return withLog(jobService({ db: { dataDir: join(dataDir, 'jobs') }, pdf: { url: urlOf('pdf') }, log }), log);
    },
  },
];
