import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RoutePlugin } from '../definition.ts';
import { buildService } from '../build.ts';
import { assertProblem, injectJson } from '../testing/index.ts';
import { ServiceError } from './service-error.ts';

function reservations(executed: string[]): RoutePlugin {
  return (app) => {
    app.post(
      '/reservations',
      {
        schema: {
          body: {
            type: 'object',
            required: ['show', 'seats'],
            additionalProperties: false,
            properties: { show: { type: 'string', minLength: 1 }, seats: { type: 'integer', minimum: 1 } },
          },
        },
      },
      (request) => {
        executed.push('reserve');
        return Promise.resolve({ reserved: request.body });
      },
    );
    app.post('/sold-out', () => {
      executed.push('sold-out');
      throw new ServiceError('RESERVATION.SOLD_OUT', 409, 'Sold out', 'No seats left for show 42', { available: 0 });
    });
    app.get('/crash', () => {
      executed.push('crash');
      throw new Error('password=hunter2 leaked in a message');
    });
  };
}

function service(executed: string[] = []) {
  return buildService({ name: 'booking', routes: [reservations(executed)] }, { logger: false, bodyLimit: 1024 });
}

test('a body that fails its schema is a 400 problem listing the errors, and the handler never runs', async (t) => {
  const executed: string[] = [];
  const app = service(executed);
  t.after(() => app.close());

  const response = await injectJson(app, { method: 'POST', url: '/reservations', payload: { show: 'x' } });

  const problem = assertProblem(response, { status: 400, code: 'REQUEST.VALIDATION_FAILED' });
  assert.deepEqual(problem.errors, [
    { in: 'body', pointer: '/seats', message: "must have required property 'seats'", keyword: 'required' },
  ]);
  assert.equal(problem.instance, '/reservations');
  assert.equal(problem.type, 'urn:eventflow:problem:REQUEST.VALIDATION_FAILED');
  assert.deepEqual(executed, []);
});

test('malformed JSON, an unsupported media type and a body over the limit are 4xx problems', async (t) => {
  const executed: string[] = [];
  const app = service(executed);
  t.after(() => app.close());
  const post = (payload: string, contentType: string) =>
    app.inject({ method: 'POST', url: '/reservations', payload, headers: { 'content-type': contentType } });

  assertProblem(await post('{"show": "x", ', 'application/json'), { status: 400, code: 'REQUEST.MALFORMED_BODY' });
  assertProblem(await post('', 'application/json'), { status: 400, code: 'REQUEST.EMPTY_BODY' });
  assertProblem(await post('<seats/>', 'application/xml'), { status: 415, code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' });
  // JSON sent as text is not taken as a string body (a puzzling "body must be object"): the type is refused.
  assertProblem(await post('{"show": "x", "seats": 1}', 'text/plain'), {
    status: 415,
    code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  });
  const big = JSON.stringify({ show: 'x'.repeat(2048), seats: 1 });
  assertProblem(await post(big, 'application/json'), { status: 413, code: 'REQUEST.PAYLOAD_TOO_LARGE' });
  assert.deepEqual(executed, []);
});

test('an unknown route, and a URL that cannot be decoded, are problems too', async (t) => {
  const app = service();
  t.after(() => app.close());

  const missing = await app.inject({ method: 'GET', url: '/nowhere?secret=1' });
  const problem = assertProblem(missing, { status: 404, code: 'ROUTE.NOT_FOUND', detail: 'No route for GET /nowhere' });
  assert.equal(problem.instance, '/nowhere');
  assertProblem(await app.inject({ method: 'GET', url: '/%E0%A4%A' }), { status: 400, code: 'REQUEST.INVALID' });
});

test('a ServiceError becomes its problem: status, stable code, title, detail and extension members', async (t) => {
  const app = service();
  t.after(() => app.close());

  const response = await app.inject({ method: 'POST', url: '/sold-out' });

  const problem = assertProblem(response, {
    status: 409,
    code: 'RESERVATION.SOLD_OUT',
    title: 'Sold out',
    detail: 'No seats left for show 42',
  });
  assert.equal(problem.type, 'urn:eventflow:problem:RESERVATION.SOLD_OUT');
  assert.equal(problem['available'], 0);
});

test('an unexpected error is a bare 500: no message, no stack; those go to the log', async (t) => {
  const lines: Array<Record<string, unknown>> = [];
  const app = buildService(
    { name: 'booking', routes: [reservations([])] },
    { logger: { stream: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } } },
  );
  t.after(() => app.close());

  const response = await app.inject({ method: 'GET', url: '/crash' });

  const problem = assertProblem(response, { status: 500, code: 'INTERNAL', title: 'Internal Server Error' });
  assert.doesNotMatch(response.body, /hunter2|Error:/);
  const logged = lines.find((line) => line['msg'] === 'request failed');
  const err = logged?.['err'] as { message?: string; stack?: string } | undefined;
  assert.match(err?.message ?? '', /hunter2/);
  assert.match(err?.stack ?? '', /\n\s+at /);
  assert.equal(logged?.['correlationId'], problem.correlationId);
});

test('ServiceError refuses a status that is not an error', () => {
  assert.throws(() => new ServiceError('X.Y', 200, 'Fine'), RangeError);
});

test('a dependency that is unavailable (database down, connection refused or cut) is a 503 with Retry-After', async (t) => {
  const failures: Record<string, () => Error> = {
    'admin-shutdown': () =>
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    refused: () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    cut: () => new Error('Connection terminated unexpectedly'),
    'connection-failure': () => Object.assign(new Error('the connection failed'), { code: '08006' }),
  };
  const app = buildService(
    {
      name: 'booking',
      routes: [
        (scope) => {
          scope.get<{ Params: { kind: string } }>('/fail/:kind', (request) => {
            throw failures[request.params.kind]!();
          });
        },
      ],
    },
    { logger: false },
  );
  t.after(() => app.close());
  for (const kind of Object.keys(failures)) {
    const response = await app.inject({ method: 'GET', url: `/fail/${kind}` });
    assertProblem(response, { status: 503, code: 'SERVICE.UNAVAILABLE' });
    assert.equal(response.headers['retry-after'], '1', kind);
    assert.doesNotMatch(response.body, /5432|administrator/, 'the cause stays in the log');
  }
});

test('a JSON body is taken as sent: a number for a string, or a property the schema forbids, is a 400; a query is still coerced', async (t) => {
  const app = buildService(
    {
      name: 'booking',
      routes: [
        (scope) => {
          scope.post(
            '/clients',
            {
              schema: {
                body: {
                  type: 'object',
                  required: ['clientId'],
                  additionalProperties: false,
                  properties: { clientId: { type: 'string' } },
                },
              },
            },
            (request) => request.body,
          );
          scope.get(
            '/clients',
            { schema: { querystring: { type: 'object', properties: { limit: { type: 'integer' } } } } },
            (request) => request.query,
          );
        },
      ],
    },
    { logger: false },
  );
  t.after(() => app.close());
  const post = (payload: object) => app.inject({ method: 'POST', url: '/clients', payload });
  assertProblem(await post({ clientId: 123 }), { status: 400, code: 'REQUEST.VALIDATION_FAILED' });
  assertProblem(await post({ clientId: 'c-1', admin: true }), { status: 400, code: 'REQUEST.VALIDATION_FAILED' });
  assert.deepEqual((await post({ clientId: 'c-1' })).json(), { clientId: 'c-1' });
  assert.deepEqual((await app.inject({ method: 'GET', url: '/clients?limit=5' })).json(), { limit: 5 });
});
