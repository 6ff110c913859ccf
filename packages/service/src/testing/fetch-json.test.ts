import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildService } from '../build.ts';
import { ServiceError } from '../errors/service-error.ts';
import { assertProblem, fetchJson } from './index.ts';

test('fetchJson sends JSON to a listening service and answers as injectJson does, problems included', async (t) => {
  const app = buildService(
    {
      name: 'echo',
      routes: [
        (routes) => {
          routes.post('/echo', (request, reply) => reply.code(201).header('location', '/echo/1').send(request.body));
          routes.get('/echo', (request) => ({ method: 'GET', asked: request.headers['x-asked'] ?? null }));
          routes.delete('/echo', (_request, reply) => reply.code(204).send());
          routes.get('/gone', () => {
            throw new ServiceError('ECHO.GONE', 410, 'Gone', 'Nothing to echo');
          });
        },
      ],
    },
    { logger: false },
  );
  t.after(() => app.close());
  const url = await app.listen({ host: '127.0.0.1', port: 0 });

  const posted = await fetchJson<{ a: number }>(`${url}/echo`, { body: { a: 1 } });
  assert.equal(posted.statusCode, 201, 'POST when there is a body');
  assert.deepEqual(posted.body, { a: 1 });
  assert.equal(posted.text, '{"a":1}');
  assert.equal(posted.headers['location'], '/echo/1');

  const got = await fetchJson(`${url}/echo`, { headers: { 'x-asked': 'yes' } });
  assert.deepEqual(got.body, { method: 'GET', asked: 'yes' }, 'GET without one, with the headers given');

  const deleted = await fetchJson(`${url}/echo`, { method: 'DELETE' });
  assert.equal(deleted.statusCode, 204);
  assert.equal(deleted.body, undefined, 'an empty body is undefined');

  assertProblem(await fetchJson(`${url}/gone`), { status: 410, code: 'ECHO.GONE' });
});
