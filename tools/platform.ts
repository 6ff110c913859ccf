// What the platform runs: its services, their path prefixes, and how each is built. Both
// `npm start` (embedded, one process) and `npm run start:distributed` (a process each) read this.
import type { Bus } from '@eventflow/bus';
import { logsService } from '@eventflow/logs-service';
import type { ServiceDefinition } from '@eventflow/service';

/** The operation-log topics of the services (spec 000: logs-hangfire, logs-pdf, logs-storage). */
export const logTopics = ['logs-gateway', 'logs-hangfire', 'logs-pdf', 'logs-storage'];

export interface PlatformService {
  readonly name: string;
  /** Requests under this path go to the service. */
  readonly prefix: string;
  /** Its own process in distributed mode. */
  readonly entry: string;
  readonly port: number;
  /** Its definition on a given bus, for the embedded platform. */
  build(context: { bus: Bus; dataDir: string }): ServiceDefinition;
}

export const platformServices: readonly PlatformService[] = [
  {
    name: 'logs',
    prefix: '/api/logs',
    entry: 'services/logs/src/main.ts',
    port: 8101,
    build: ({ bus }) => logsService({ bus, topics: logTopics }),
  },
];
