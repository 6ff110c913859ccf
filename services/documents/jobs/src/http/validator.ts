import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

/**
 * The routes' validator: Fastify's defaults (coercion, defaults, removal of unknown members of
 * closed objects, first error only) plus union types, so that a table cell can be any scalar
 * without being coerced from one type to another.
 */
export function useValidator(app: FastifyInstance): void {
  const ajv = new Ajv({
    coerceTypes: 'array',
    useDefaults: true,
    removeAdditional: true,
    allErrors: false,
    allowUnionTypes: true,
  });
  // ajv-formats is CommonJS: under Node's ESM its default import is module.exports, whose `default` is the plugin.
  addFormatsModule.default(ajv);
  app.setValidatorCompiler(({ schema }) => ajv.compile(schema));
}
