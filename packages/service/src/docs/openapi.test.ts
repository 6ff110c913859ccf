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
  assert.equal((open as { operationId?: string } | undefined)?.operationId, 'postTickets');
  assert.match(JSON.stringify(open?.requestBody), /"required":\["subject"\]/);
  assert.deepEqual(Object.keys(open?.responses ?? {}).sort(), ['201', '409', '4XX', '5XX']);
  for (const status of ['409', '4XX', '5XX']) {
    const problem = JSON.stringify(open?.responses[status]);
    assert.match(problem, /"application\/problem\+json"/, `${status} declares its content type`);
    assert.match(problem, /#\/components\/schemas\/problem/, `${status} is a problem`);
  }
  assert.ok(doc.paths['/health/ready'], 'the kit documents its health routes');
  assert.match(JSON.stringify(doc.paths['/metrics']?.['get']?.responses['200']), /text\/plain/, 'and its metrics');
});

test('a route declared without a schema is documented too, and does not break the document', async (t) => {
  const bare: RoutePlugin = (app) => {
    app.get('/bare', () => ({ ok: true }));
  };
  const app = buildService({ name: 'support', routes: [tickets, bare] }, { logger: false });
  t.after(() => app.close());
  const response = await app.inject({ method: 'GET', url: '/docs/json' });
  assert.equal(response.statusCode, 200, response.body);
  const doc = response.json<OpenApi>();
  assert.ok(doc.paths['/bare']?.['get'], 'the bare route');
  assert.ok(doc.paths['/tickets']?.['post'], 'and the others');
});

test('a path served with another method is a 405 with Allow, an unknown path a 404', async (t) => {
  const app = buildService({ name: 'support', routes: [tickets] }, { logger: false });
  t.after(() => app.close());

  const wrong = await app.inject({ method: 'DELETE', url: '/tickets' });
  assert.equal(wrong.statusCode, 405);
  assert.equal(wrong.headers['allow'], 'POST');
  assert.match(wrong.headers['content-type'] ?? '', /application\/problem\+json/);
  assert.equal(wrong.json<{ code: string }>().code, 'ROUTE.METHOD_NOT_ALLOWED');
  const health = await app.inject({ method: 'POST', url: '/health' });
  assert.equal(health.statusCode, 405);
  assert.equal(health.headers['allow'], 'GET, HEAD');
  assert.equal((await app.inject({ method: 'GET', url: '/nowhere' })).statusCode, 404);
});

test('/docs serves the human page', async (t) => {
  const app = buildService({ name: 'support', routes: [tickets] }, { logger: false });
  t.after(() => app.close());

  const response = await app.inject({ method: 'GET', url: '/docs' });

  assert.equal(response.statusCode, 200);
  assert.match(response.headers['content-type'] ?? '', /^text\/html/);
  assert.match(response.body, /swagger-ui/i);
});
