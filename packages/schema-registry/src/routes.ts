import { ServiceError, type RoutePlugin } from '@eventflow/service';
import { compatibilityModes, type CompatibilityMode } from './compatibility/check.ts';
import { SchemaRegistryError, statusOf } from './errors.ts';
import type { SchemaRegistry } from './registry.ts';

const titles: Readonly<Record<string, string>> = {
  'SCHEMA.INVALID': 'Invalid schema',
  'SCHEMA.INCOMPATIBLE': 'Incompatible schema',
  'SCHEMA.NOT_FOUND': 'Schema not found',
  'SCHEMA.INVALID_MESSAGE': 'Invalid message',
  'SCHEMA.INVALID_ARGUMENT': 'Invalid argument',
};

/** A registry error as the service kit's problem+json: 400, 404 or 409 with its code and details. */
export function toServiceError(error: unknown): unknown {
  if (!(error instanceof SchemaRegistryError)) return error;
  return new ServiceError(error.code, statusOf[error.code], titles[error.code] ?? 'Schema registry', error.message, {
    ...error.details,
  });
}

async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toServiceError(error);
  }
}

const typeParams = { type: 'object', required: ['type'], properties: { type: { type: 'string', minLength: 1 } } };

/**
 * Confluent-style routes for the service kit, under `prefix` (default ''):
 * `POST /subjects/:type/versions` `{ schema, compatibility? }` → `{ version, fingerprint, created }`,
 * `GET /subjects`, `GET /subjects/:type/versions`, `GET /subjects/:type/versions/:version` (a number
 * or `latest`), `POST /compatibility/subjects/:type` `{ schema }` → `{ compatible, issues }`.
 */
export function schemaRegistryRoutes(registry: SchemaRegistry, prefix = ''): RoutePlugin {
  return (app) => {
    app.post<{ Params: { type: string }; Body: { schema: unknown; compatibility?: CompatibilityMode } }>(
      `${prefix}/subjects/:type/versions`,
      {
        schema: {
          params: typeParams,
          body: {
            type: 'object',
            required: ['schema'],
            properties: { schema: {}, compatibility: { type: 'string', enum: [...compatibilityModes] } },
          },
        },
      },
      (request) =>
        mapped(() => {
          const { schema, compatibility } = request.body;
          return registry.register(request.params.type, schema, compatibility === undefined ? {} : { compatibility });
        }),
    );
    app.post<{ Params: { type: string }; Body: { schema: unknown } }>(
      `${prefix}/compatibility/subjects/:type`,
      { schema: { params: typeParams, body: { type: 'object', required: ['schema'], properties: { schema: {} } } } },
      (request) =>
        mapped(async () => {
          const issues = await registry.check(request.params.type, request.body.schema);
          return { compatible: issues.length === 0, issues };
        }),
    );
    app.get(`${prefix}/subjects`, () => mapped(() => registry.types()));
    app.get<{ Params: { type: string } }>(
      `${prefix}/subjects/:type/versions`,
      { schema: { params: typeParams } },
      (request) =>
        mapped(async () => {
          const versions = await registry.versions(request.params.type);
          if (versions.length === 0) await registry.get(request.params.type, 'latest');
          return versions;
        }),
    );
    app.get<{ Params: { type: string; version: string } }>(
      `${prefix}/subjects/:type/versions/:version`,
      {
        schema: {
          params: {
            type: 'object',
            required: ['type', 'version'],
            properties: {
              type: { type: 'string' },
              version: { type: 'string', pattern: '^([1-9][0-9]{0,8}|latest)$' },
            },
          },
        },
      },
      (request) =>
        mapped(async () => {
          const { type, version } = request.params;
          const row = await registry.get(type, version === 'latest' ? 'latest' : Number(version));
          return { ...row, registeredAt: row.registeredAt.toISOString() };
        }),
    );
  };
}
