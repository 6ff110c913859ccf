import { AjvCompiler, type BuildCompilerFromPool, type RouteDefinition } from '@fastify/ajv-compiler';

/**
 * Request validation as the kit wants it: a JSON body is taken as sent — `{"clientId": 123}` against a
 * string is a 400, not the text "123", and a property its schema does not allow is a 400, not silently
 * dropped — while the querystring, params and headers, which are text on the wire, are still coerced
 * to the types their schemas declare (Fastify's defaults).
 */
export function strictBodyValidation(): BuildCompilerFromPool {
  const fromPool = AjvCompiler();
  return (externalSchemas, options) => {
    const coercing = fromPool(externalSchemas, options);
    const strictOptions = {
      ...options,
      customOptions: { ...options?.customOptions, coerceTypes: false, removeAdditional: false },
    } as Parameters<BuildCompilerFromPool>[1];
    const strict = fromPool(externalSchemas, strictOptions);
    // Fastify calls a validator compiler with the route's part ({ schema, method, url, httpPart }).
    type Compile = ReturnType<BuildCompilerFromPool>;
    const compile = (route: RouteDefinition) => (String(route.httpPart) === 'body' ? strict(route) : coercing(route));
    return compile as unknown as Compile;
  };
}
