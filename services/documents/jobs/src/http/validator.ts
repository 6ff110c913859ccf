import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

/**
 * The routes' validator, as the kit's (a JSON body is validated as sent: `{"clientId": 123}` against
 * a string is a 400, an unknown member of a closed object is a 400; the querystring, params and
 * headers, which are text on the wire, are coerced) plus union types, so that a table cell can be any
 * scalar without being coerced from one type to another.
 */
export function useValidator(app: FastifyInstance): void {
  const make = (text: boolean) => {
    const ajv = new Ajv({
      coerceTypes: text ? 'array' : false,
      useDefaults: true,
      removeAdditional: text,
      allErrors: false,
      allowUnionTypes: true,
    });
    // ajv-formats is CommonJS: under Node's ESM its default import is module.exports, whose `default` is the plugin.
    addFormatsModule.default(ajv);
    return ajv;
  };
  const body = make(false);
  const text = make(true);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? body : text).compile(schema));
}
