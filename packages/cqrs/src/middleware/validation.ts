import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ValidationIssue } from '@eventflow/service';
import type { AnyDefinition } from '../definition.ts';
import type { Middleware } from '../dispatcher.ts';
import { ValidationError } from '../errors.ts';

export interface ValidationOptions {
  /** Default: ajv with `allErrors` and formats; never coerces, never removes, never fills defaults. */
  readonly ajv?: Ajv;
}

/**
 * Checks each payload against its definition's `schema` (definitions without one pass); a bad
 * payload is a `ValidationError` listing every problem, and the handler never runs.
 */
export function validation(options: ValidationOptions = {}): Middleware {
  const ajv = options.ajv ?? defaultAjv();
  const compiled = new WeakMap<AnyDefinition, ValidateFunction>();
  return (message, context, next) => {
    const { definition } = context;
    if (definition.schema === undefined) return next();
    let check = compiled.get(definition);
    if (check === undefined) {
      check = ajv.compile(definition.schema);
      compiled.set(definition, check);
    }
    if (check(message.payload)) return next();
    return Promise.reject(
      new ValidationError(context.kind, message.type, (check.errors ?? []).map(issue(context.kind))),
    );
  };
}

function defaultAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // ajv-formats is CommonJS: under Node's ESM its default import is module.exports, whose `default` is the plugin.
  addFormatsModule.default(ajv);
  return ajv;
}

/** The same shape as the service kit's request validation issues, `in` naming the command or query. */
function issue(where: string): (error: ErrorObject) => ValidationIssue {
  return (error) => {
    const missing: unknown = error.params['missingProperty'];
    const pointer =
      typeof missing === 'string'
        ? `${error.instancePath}/${missing.replaceAll('~', '~0').replaceAll('/', '~1')}`
        : error.instancePath;
    return { in: where, pointer, message: error.message ?? 'is invalid', keyword: error.keyword };
  };
}
