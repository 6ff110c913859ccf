import { openSchemaRegistry, schemaRegistryRoutes, type SchemaRegistry } from '@eventflow/schema-registry';
import type { ServiceDefinition } from '@eventflow/service';
import type { SqlDatabase } from '@eventflow/sql';

export interface SchemaRegistryServiceOptions {
  readonly sql: SqlDatabase;
  /** The SQL schema of its tables (migrated here, idempotently, under an advisory lock). */
  readonly schema: string;
}

/** The registry's routes under /api/schemas: `GET /api/schemas/subjects`, `POST /api/schemas/subjects/:type/versions`… */
export async function schemaRegistryService(
  options: SchemaRegistryServiceOptions,
): Promise<ServiceDefinition & { readonly registry: SchemaRegistry }> {
  const registry = await openSchemaRegistry({ executor: options.sql, schema: options.schema });
  return {
    name: 'schema-registry',
    description: 'Event schemas: JSON Schema per message type and version; incompatible versions refused',
    registry,
    routes: [schemaRegistryRoutes(registry, '/api/schemas')],
  };
}
