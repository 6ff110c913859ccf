export {
  checkCompatibility,
  compatibilityModes,
  isCompatibilityMode,
  type CompatibilityIssue,
  type CompatibilityMode,
  type PreviousSchema,
} from './compatibility/check.ts';
export type { JsonSchema } from './compatibility/schema.ts';
export {
  incompatible,
  isSchemaRegistryError,
  SchemaRegistryError,
  statusOf,
  type SchemaRegistryErrorCode,
} from './errors.ts';
export { canonicalJson, fingerprint } from './fingerprint.ts';
export {
  createSchemaRegistry,
  openSchemaRegistry,
  type LookupOptions,
  type RegisteredSchema,
  type Registered,
  type RegisterOptions,
  type SchemaRegistry,
  type SchemaRegistryOptions,
} from './registry.ts';
export { migrateRegistry } from './store/migrations.ts';
export type { SchemaViolation } from './validators.ts';
export { withSchemaValidation } from './publish-validation.ts';
export { validateAppends } from './append-validation.ts';
export { schemaRegistryRoutes, toServiceError } from './routes.ts';
