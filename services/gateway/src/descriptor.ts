import { defineService } from '@eventflow/host';
import { gatewayDefinition } from './app.ts';
import { localSource, upstreamSource } from './health.ts';
import { gatewayOperation } from './operations.ts';

/** The front door on the host: routes to every service in the registry, in both modes on :8080. */
export const gateway = defineService({
  name: 'gateway',
  system: 'platform',
  description: 'The front door: routes by prefix or path, forwards correlation ids, aggregates health and docs',
  routes: [],
  port: 8080,
  front: true,
  needs: ['bus'],
  recordRequests: gatewayOperation,
  config: {
    type: 'object',
    properties: {
      /** The built web console to serve at /console (none when unset). */
      CONSOLE_DIR: { type: 'string' },
    },
  },
  build({ mode, registry, portChecks, config }) {
    const upstreams = registry.upstreams.flatMap((entry) =>
      entry.url === undefined
        ? []
        : [
            {
              name: entry.name,
              routes: entry.routes,
              url: entry.url,
              ...(entry.bodyLimit === undefined ? {} : { bodyLimit: entry.bodyLimit }),
            },
          ],
    );
    return gatewayDefinition({
      mode,
      upstreams,
      health: [localSource('gateway', portChecks), ...upstreams.map((u) => upstreamSource(u.name, u.url))],
      ...(config.CONSOLE_DIR === undefined ? {} : { consoleDir: config.CONSOLE_DIR }),
    });
  },
});
