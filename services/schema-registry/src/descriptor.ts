import { defineService } from '@eventflow/host';

/**
 * The platform's schema registry (@eventflow/schema-registry) on the host: every message type's JSON
 * Schema per version, in PostgreSQL (PGlite embedded). The host registers what each descriptor
 * `publishes` here at start, so it is a platform service: it always runs.
 */
export const schemaRegistry = defineService({
  name: 'schema-registry',
  system: 'platform',
  description: 'Event schemas: JSON Schema per message type and version; incompatible versions refused',
  routes: [{ prefix: '/api/schemas' }],
  port: 8105,
  needs: ['sql'],
  config: {
    type: 'object',
    properties: {
      SCHEMA_REGISTRY_SCHEMA: {
        type: 'string',
        pattern: '^[a-z_][a-z0-9_]{0,62}$',
        default: 'schema_registry',
        description: "The SQL schema of the registry's tables",
      },
    },
  },
  build: async ({ ports, config }) =>
    (await import('./service.ts')).schemaRegistryService({ sql: ports.sql, schema: config.SCHEMA_REGISTRY_SCHEMA }),
});
