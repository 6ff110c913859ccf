import { defineService } from '@eventflow/host';

/** The logs viewer on the host: follows every service's operation-log topic, as the registry lists them. */
export const logs = defineService({
  name: 'logs',
  system: 'platform',
  description: 'Live operation logs of every service, by correlation id',
  routes: [{ prefix: '/api/logs' }],
  port: 8101,
  needs: ['bus'],
  // It would record itself reading logs.
  recordRequests: () => false,
  build: async ({ ports, registry }) =>
    (await import('./service.ts')).logsService({ bus: ports.bus, topics: registry.logTopics }),
});
