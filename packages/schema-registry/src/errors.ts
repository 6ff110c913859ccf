import type { CompatibilityIssue } from './compatibility/check.ts';

export type SchemaRegistryErrorCode =
  /** The schema is not a JSON Schema ajv can compile. */
  | 'SCHEMA.INVALID'
  /** The new version breaks the type's compatibility mode; `details.issues` says how. */
  | 'SCHEMA.INCOMPATIBLE'
  /** No such type, or no such version of it. */
  | 'SCHEMA.NOT_FOUND'
  /** A message or event does not match the schema of its type and version; `details.errors` lists why. */
  | 'SCHEMA.INVALID_MESSAGE'
  | 'SCHEMA.INVALID_ARGUMENT';

/** HTTP status of each code, for the routes (and any edge that maps them). */
export const statusOf: Readonly<Record<SchemaRegistryErrorCode, number>> = {
  'SCHEMA.INVALID': 400,
  'SCHEMA.INCOMPATIBLE': 409,
  'SCHEMA.NOT_FOUND': 404,
  'SCHEMA.INVALID_MESSAGE': 400,
  'SCHEMA.INVALID_ARGUMENT': 400,
};

export class SchemaRegistryError extends Error {
  readonly code: SchemaRegistryErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: SchemaRegistryErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SchemaRegistryError';
    this.code = code;
    this.details = details;
  }
}

export function incompatible(type: string, issues: readonly CompatibilityIssue[]): SchemaRegistryError {
  const reasons = issues.map((issue) => `${issue.message} (${issue.direction}, v${issue.version})`);
  return new SchemaRegistryError('SCHEMA.INCOMPATIBLE', `incompatible schema for ${type}: ${reasons.join('; ')}`, {
    type,
    issues,
  });
}

export function isSchemaRegistryError(error: unknown, code?: SchemaRegistryErrorCode): error is SchemaRegistryError {
  return error instanceof SchemaRegistryError && (code === undefined || error.code === code);
}
