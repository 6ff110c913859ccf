import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RoutePlugin } from '../definition.ts';
import { buildService } from '../build.ts';

const tickets: RoutePlugin = (app) => {
  app.post(
    '/tickets',
    {
      schema: {
        summary: 'Open a ticket',
        body: { type: 'object', required: ['subject'], properties: { subject: { type: 'string' } } },
        response: { 201: { type: 'object', properties: { id: { type: 'string' } } }, 409: { $ref: 'problem#' } },
      },
    },
    (_request, reply) => reply.code(201).send({ id: 't-1' }),
  );
};

interface OpenApi {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<string, { summary?: string; requestBody?: unknown; responses: Record<string, unknown> }>
  >;
}

test('/docs/json is an OpenAPI 3 document built from the same schemas that validate', async (t) => {
  const app = buildService({ name: 'support', version: '2.0.0', routes: [tickets] }, { logger: false });
  t.after(() => app.close());

  const response = await app.inject({ method: 'GET', url: '/docs/json' });

  assert.equal(response.statusCode, 200);
  const doc = response.json<OpenApi>();
  assert.match(doc.openapi, /^3\./);
  assert.deepEqual(doc.info, { title: 'support', version: '2.0.0' });
  const open = doc.paths['/tickets']?.['post'];
  assert.equal(open?.summary, 'Open a ticket');
  assert.match(JSON.stringify(open?.requestBody), /"required":\["subject"\]/);
  assert.deepEqual(Object.keys(open?.responses ?? {}).sort(), ['201', '409']);
  assert.match(JSON.stringify(open?.responses['409']), /#\/components\/schemas\/problem/);
  assert.ok(doc.paths['/health/ready'], 'the kit documents its health routes');
  assert.equal(doc.paths['/metrics'], undefined);
});

test('/docs serves the human page', async (t) => {
  const app = buildService({ name: 'support', routes: [tickets] }, { logger: false });
  t.after(() => app.close());

  const response = await app.inject({ method: 'GET', url: '/docs' });

  assert.equal(response.statusCode, 200);
  assert.match(response.headers['content-type'] ?? '', /^text\/html/);
  assert.match(response.body, /swagger-ui/i);
});
