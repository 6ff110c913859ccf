import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { OpenApiExtension } from '../definition.ts';
import { documentedResponses } from './responses.ts';

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

/**
 * Builds an OpenAPI 3 document from the routes' JSON schemas (the same ones that validate) and
 * serves it at `/docs/json`, with Swagger UI at `/docs`. Register before the routes it describes.
 */
export function installOpenApi(app: FastifyInstance, info: OpenApiInfo, extension?: OpenApiExtension): void {
  void app.register(swagger, {
    openapi: { info: { ...info } },
    // A route declared without a schema (`app.get(path, handler)`) is documented too, with the
    // problem answers; it used to throw here, which made /docs/json a 500 and dropped the service.
    transform: ({ schema, url, route }) => ({
      schema: {
        ...(schema ?? {}),
        operationId: (schema as { operationId?: string } | undefined)?.operationId ?? operationIdOf(route.method, url),
        response: documentedResponses(schema?.response as Record<string, unknown> | undefined),
      },
      url,
    }),
    // Shared schemas keep their $id as their name in `components.schemas` (`problem`, not `def-0`).
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => localName(json, i),
    },
  });
  void app.register(swaggerUi, {
    routePrefix: '/docs',
    ...(extension === undefined
      ? {}
      : {
          uiHooks: {
            preHandler: (_request, _reply, done) => {
              (extension.refresh?.() ?? Promise.resolve()).then(() => done(), done);
            },
          },
          transformSpecification: (document: Readonly<Record<string, unknown>>) =>
            extension.transform(document as Record<string, unknown>),
        }),
  });
}

function localName(schema: Record<string, unknown>, index: number): string {
  const id = schema['$id'];
  return typeof id === 'string' ? id : `def-${index}`;
}

/** A stable operationId for client generators: `post /api/pdf/reports` → `postApiPdfReports`. */
export function operationIdOf(method: string | readonly string[], url: string): string {
  const verb = (typeof method === 'string' ? method : (method[0] ?? 'get')).toLowerCase();
  const words = url.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  return verb + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
}
