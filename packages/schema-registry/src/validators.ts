import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { SchemaRegistryError } from './errors.ts';

/** One reason a value does not match its schema. */
export interface SchemaViolation {
  readonly pointer: string;
  readonly message: string;
  readonly keyword: string;
}

/** ajv as the registry uses it: every error, formats, `$id`s not kept (versions may share one). */
export function registryAjv(options: { readonly useDefaults?: boolean } = {}): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    addUsedSchema: false,
    useDefaults: options.useDefaults ?? false,
  });
  // ajv-formats is CommonJS: under Node's ESM its default import is module.exports, whose `default` is the plugin.
  addFormatsModule.default(ajv);
  return ajv;
}

/** Compiles `schema`, or throws SCHEMA.INVALID saying why. */
export function compileSchema(ajv: Ajv, type: string, schema: unknown): ValidateFunction {
  if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) {
    throw new SchemaRegistryError('SCHEMA.INVALID', `the schema of ${type} must be a JSON object or a boolean`, {
      type,
    });
  }
  try {
    return ajv.compile(schema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SchemaRegistryError(
      'SCHEMA.INVALID',
      `the schema of ${type} does not compile: ${reason}`,
      { type },
      {
        cause: error,
      },
    );
  }
}

export function violations(errors: ErrorObject[] | null | undefined): SchemaViolation[] {
  return (errors ?? []).map((error) => {
    const missing: unknown = error.params['missingProperty'];
    const pointer = typeof missing === 'string' ? `${error.instancePath}/${missing}` : error.instancePath;
    return { pointer, message: error.message ?? 'is invalid', keyword: error.keyword };
  });
}

export function invalidMessage(
  type: string,
  version: number,
  errors: ErrorObject[] | null | undefined,
): SchemaRegistryError {
  const list = violations(errors);
  const text = list.map((v) => `${v.pointer || '(root)'} ${v.message}`).join('; ');
  return new SchemaRegistryError('SCHEMA.INVALID_MESSAGE', `invalid ${type} v${version}: ${text}`, {
    type,
    version,
    errors: list,
  });
}
