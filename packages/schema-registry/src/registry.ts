import { quoteSchema, type SqlExecutor } from '@eventflow/eventstore';
import type { ValidateFunction } from 'ajv';
import {
  checkCompatibility,
  isCompatibilityMode,
  type CompatibilityIssue,
  type CompatibilityMode,
} from './compatibility/check.ts';
import { incompatible, SchemaRegistryError } from './errors.ts';
import { fingerprint } from './fingerprint.ts';
import { migrateRegistry } from './store/migrations.ts';
import { statements, type SchemaRow } from './store/statements.ts';
import { compileSchema, invalidMessage, registryAjv } from './validators.ts';

export interface SchemaRegistryOptions {
  readonly executor: SqlExecutor;
  /** The database schema of the registry's tables; default 'schema_registry'. */
  readonly schema?: string;
  /** The mode of a type registered without one; default BACKWARD. */
  readonly defaultCompatibility?: CompatibilityMode;
}

export interface RegisterOptions {
  /** Sets the type's mode (kept for later registrations); otherwise its current mode, or the default. */
  readonly compatibility?: CompatibilityMode;
}

export interface Registered {
  readonly type: string;
  readonly version: number;
  readonly fingerprint: string;
  /** false when the same schema (by canonical fingerprint) was already registered: same version. */
  readonly created: boolean;
}

export type RegisteredSchema = SchemaRow;

/** Lookups can go through a transaction of yours (an append hook must: PGlite has one backend). */
export interface LookupOptions {
  readonly executor?: SqlExecutor;
}

export interface SchemaRegistry {
  readonly schema: string;
  /** The version of `schema` for `type`: the same one again, the next one if compatible, else SCHEMA.INCOMPATIBLE. */
  register(type: string, schema: unknown, options?: RegisterOptions): Promise<Registered>;
  /** What `register` would object to, without registering (empty: compatible). */
  check(type: string, schema: unknown, options?: RegisterOptions): Promise<CompatibilityIssue[]>;
  /** A registered version, or SCHEMA.NOT_FOUND. */
  get(type: string, version: number | 'latest', options?: LookupOptions): Promise<RegisteredSchema>;
  versions(type: string): Promise<number[]>;
  types(): Promise<string[]>;
  compatibility(type: string): Promise<CompatibilityMode>;
  setCompatibility(type: string, mode: CompatibilityMode): Promise<void>;
  /** Throws SCHEMA.INVALID_MESSAGE (or NOT_FOUND) unless `value` matches that version; never changes `value`. */
  validate(type: string, version: number, value: unknown, options?: LookupOptions): Promise<void>;
  /** A copy of `value` as a reader of that version sees it: validated, with the schema's defaults filled in. */
  readAs<T = unknown>(type: string, version: number, value: unknown, options?: LookupOptions): Promise<T>;
}

/** Migrates the registry's tables, then returns the registry. */
export async function openSchemaRegistry(options: SchemaRegistryOptions): Promise<SchemaRegistry> {
  await migrateRegistry(options.executor, options.schema ?? 'schema_registry');
  return createSchemaRegistry(options);
}

export function createSchemaRegistry(options: SchemaRegistryOptions): SchemaRegistry {
  const schemaName = options.schema ?? 'schema_registry';
  const sql = statements(quoteSchema(schemaName));
  const defaultMode = options.defaultCompatibility ?? 'BACKWARD';
  const executor = options.executor;
  const ajv = registryAjv();
  const readerAjv = registryAjv({ useDefaults: true });
  // A version's schema never changes: compiled validators are kept for good.
  const compiled = new Map<string, ValidateFunction>();
  const readers = new Map<string, ValidateFunction>();

  function checkArguments(type: string, mode?: CompatibilityMode): void {
    if (typeof type !== 'string' || type === '' || type.length > 255) {
      throw new SchemaRegistryError('SCHEMA.INVALID_ARGUMENT', `illegal type ${JSON.stringify(type)}`, { type });
    }
    if (mode !== undefined && !isCompatibilityMode(mode)) {
      throw new SchemaRegistryError('SCHEMA.INVALID_ARGUMENT', `unknown compatibility mode ${String(mode)}`, { mode });
    }
  }

  async function issuesFor(tx: SqlExecutor, type: string, schema: unknown, mode: CompatibilityMode) {
    const previous = await sql.versions(tx, type);
    return checkCompatibility(schema, previous, mode);
  }

  async function validatorFor(
    cache: Map<string, ValidateFunction>,
    compiler: typeof ajv,
    type: string,
    version: number,
    lookup: LookupOptions,
  ): Promise<ValidateFunction> {
    const key = `${type}\u0000${version}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    const row = await registry.get(type, version, lookup);
    const check = compileSchema(compiler, type, row.schema);
    cache.set(key, check);
    return check;
  }

  const registry: SchemaRegistry = {
    schema: schemaName,
    async register(type, schema, registerOptions = {}) {
      checkArguments(type, registerOptions.compatibility);
      // The same schema again (every start of a service registers what it publishes): one read, no
      // lock, no write. A mode given goes the long way, which sets it.
      if (registerOptions.compatibility === undefined && typeof schema === 'object' && schema !== null) {
        const known = await sql.byFingerprint(executor, type, fingerprint(schema));
        if (known !== undefined)
          return { type, version: known.version, fingerprint: known.fingerprint, created: false };
      }
      compileSchema(ajv, type, schema);
      const print = fingerprint(schema);
      return executor.transaction(async (tx) => {
        // One registration per type at a time, across processes: the next version is decided under it.
        await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `schema-registry:${schemaName}:${type}`,
        ]);
        const mode = registerOptions.compatibility ?? (await sql.mode(tx, type)) ?? defaultMode;
        await sql.setMode(tx, type, mode);
        const same = await sql.byFingerprint(tx, type, print);
        if (same !== undefined) return { type, version: same.version, fingerprint: print, created: false };
        const previous = await sql.versions(tx, type);
        const issues = checkCompatibility(schema, previous, mode);
        if (issues.length > 0) throw incompatible(type, issues);
        const version = (previous.at(-1)?.version ?? 0) + 1;
        await sql.insert(tx, { type, version, schema, fingerprint: print, compatibility: mode });
        return { type, version, fingerprint: print, created: true };
      });
    },
    async check(type, schema, checkOptions = {}) {
      checkArguments(type, checkOptions.compatibility);
      compileSchema(ajv, type, schema);
      const mode = checkOptions.compatibility ?? (await sql.mode(executor, type)) ?? defaultMode;
      if ((await sql.byFingerprint(executor, type, fingerprint(schema))) !== undefined) return [];
      return issuesFor(executor, type, schema, mode);
    },
    async get(type, version, lookup = {}) {
      const row = await sql.version(lookup.executor ?? executor, type, version);
      if (row === undefined) {
        throw new SchemaRegistryError('SCHEMA.NOT_FOUND', `no schema for ${type} version ${String(version)}`, {
          type,
          version,
        });
      }
      return row;
    },
    versions: async (type) => (await sql.versions(executor, type)).map((row) => row.version),
    types: () => sql.types(executor),
    compatibility: async (type) => (await sql.mode(executor, type)) ?? defaultMode,
    async setCompatibility(type, mode) {
      checkArguments(type, mode);
      await sql.setMode(executor, type, mode);
    },
    async validate(type, version, value, lookup = {}) {
      const check = await validatorFor(compiled, ajv, type, version, lookup);
      if (!check(value)) throw invalidMessage(type, version, check.errors);
    },
    async readAs<T>(type: string, version: number, value: unknown, lookup: LookupOptions = {}): Promise<T> {
      const check = await validatorFor(readers, readerAjv, type, version, lookup);
      const copy = structuredClone(value);
      if (!check(copy)) throw invalidMessage(type, version, check.errors);
      return copy as T;
    },
  };
  return registry;
}
