import { problemSchema, ServiceError, type RoutePlugin } from '@eventflow/service';
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
const problem = { $ref: `${problemSchema.$id}#` } as const;
const tags = ['schemas'];
const registeredSchema = {
  type: 'object',
  required: ['type', 'version', 'fingerprint', 'created'],
  properties: {
    type: { type: 'string' },
    version: { type: 'integer', minimum: 1 },
    fingerprint: { type: 'string' },
    created: { type: 'boolean', description: 'false: the same schema was registered before, as this version' },
  },
} as const;
const versionSchema = {
  type: 'object',
  required: ['type', 'version', 'schema', 'fingerprint', 'compatibility', 'registeredAt'],
  properties: {
    type: { type: 'string' },
    version: { type: 'integer', minimum: 1 },
    schema: { description: 'The JSON Schema registered' },
    fingerprint: { type: 'string' },
    compatibility: { type: 'string', enum: [...compatibilityModes] },
    registeredAt: { type: 'string', format: 'date-time' },
  },
} as const;
const compatibilitySchema = {
  type: 'object',
  required: ['compatible', 'issues'],
  properties: {
    compatible: { type: 'boolean' },
    issues: {
      type: 'array',
      items: {
        type: 'object',
        required: ['version', 'direction', 'message'],
        properties: {
          version: { type: 'integer' },
          direction: { type: 'string', enum: ['backward', 'forward'] },
          message: { type: 'string' },
        },
      },
    },
  },
} as const;

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
          tags,
          summary: 'Registers a schema for a message type: a new version, or the one it already is',
          params: typeParams,
          body: {
            type: 'object',
            required: ['schema'],
            properties: { schema: {}, compatibility: { type: 'string', enum: [...compatibilityModes] } },
          },
          response: {
            200: registeredSchema,
            400: { ...problem, description: 'SCHEMA.INVALID' },
            409: { ...problem, description: 'SCHEMA.INCOMPATIBLE' },
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
      {
        schema: {
          tags,
          summary: 'Whether a schema could be registered for a message type, and what is incompatible',
          params: typeParams,
          body: { type: 'object', required: ['schema'], properties: { schema: {} } },
          response: { 200: compatibilitySchema, 400: problem },
        },
      },
      (request) =>
        mapped(async () => {
          const issues = await registry.check(request.params.type, request.body.schema);
          return { compatible: issues.length === 0, issues };
        }),
    );
    app.get(
      `${prefix}/subjects`,
      {
        schema: {
          tags,
          summary: 'The message types with a registered schema',
          response: { 200: { type: 'array', items: { type: 'string' } } },
        },
      },
      () => mapped(() => registry.types()),
    );
    app.get<{ Params: { type: string } }>(
      `${prefix}/subjects/:type/versions`,
      {
        schema: {
          tags,
          summary: 'The versions registered for a message type',
          params: typeParams,
          response: {
            200: { type: 'array', items: { type: 'integer', minimum: 1 } },
            400: problem,
            404: { ...problem, description: 'SCHEMA.NOT_FOUND' },
          },
        },
      },
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
          tags,
          summary: 'One version of a message type’s schema (a number, or latest)',
          response: { 200: versionSchema, 400: problem, 404: { ...problem, description: 'SCHEMA.NOT_FOUND' } },
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
