import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ConfigOf, ConfigSchema } from './config-schema.ts';

/** One variable that is missing or invalid. */
export interface ConfigIssue {
  readonly variable: string;
  readonly message: string;
}

/** Every problem with the configuration at once, so one restart fixes them all. */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/**
 * Validates the environment against `schema` once, at startup: strings are coerced to numbers and
 * booleans, defaults applied, and an empty variable counts as unset. Only an entry point passes
 * `process.env`; libraries take the typed result.
 */
export function parseConfig<const S extends ConfigSchema>(
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
): ConfigOf<S> {
  const ajv = new Ajv({ allErrors: true, coerceTypes: true, useDefaults: true });
  // ajv-formats is CommonJS: under Node's ESM its default import is module.exports, whose `default` is the plugin.
  addFormatsModule.default(ajv);
  const validate = ajv.compile(schema);
  const values: Record<string, unknown> = {};
  for (const variable of Object.keys(schema.properties)) {
    const value = env[variable];
    if (value !== undefined && value !== '') values[variable] = value;
  }
  if (!validate(values)) throw new ConfigError((validate.errors ?? []).map((e) => issue(schema, e, values)));
  return values as ConfigOf<S>;
}

function issue(schema: ConfigSchema, error: ErrorObject, values: Record<string, unknown>): ConfigIssue {
  const missing: unknown = error.params['missingProperty'];
  if (error.keyword === 'required' && typeof missing === 'string') {
    return { variable: missing, message: 'is required' };
  }
  const variable = error.instancePath.slice(1).replaceAll('~1', '/').replaceAll('~0', '~');
  // Values of strings may be secrets (a password in a URL): only numbers and booleans are shown.
  const shown = schema.properties[variable]?.type === 'string' ? '' : ` (got ${JSON.stringify(values[variable])})`;
  const allowed: unknown = error.params['allowedValues'];
  const choices = error.keyword === 'enum' && Array.isArray(allowed) ? `: ${allowed.map(String).join(', ')}` : '';
  return { variable, message: `${error.message ?? 'is invalid'}${choices}${shown}` };
}
