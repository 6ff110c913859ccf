import assert from 'node:assert/strict';
import { setImmediate } from 'node:timers/promises';
import { test } from 'node:test';
import { currentCorrelation, type Correlation } from '@eventflow/correlation';
import type { RoutePlugin } from '../definition.ts';
import { buildService } from '../build.ts';
import { assertProblem, injectJson } from '../testing/index.ts';

/** A route that reports the correlation it sees, after its body was parsed and after an await. */
const echo: RoutePlugin = (app) => {
  app.post('/echo', async (request) => {
    await setImmediate();
    request.log.info('inside the handler');
    return { seen: currentCorrelation() ?? null, requestId: request.id };
  });
};

interface Seen {
  seen: Correlation | null;
  requestId: string;
}

test('an X-Correlation-Id from the caller is echoed and is the one the handler runs under', async (t) => {
  const app = buildService({ name: 'echo', routes: [echo] }, { logger: false });
  t.after(() => app.close());

  const response = await injectJson<Seen>(app, {
    method: 'POST',
    url: '/echo',
    payload: { any: 'body' },
    headers: { 'x-correlation-id': 'order-7f3a.41c2' },
  });

  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['x-correlation-id'], 'order-7f3a.41c2');
  assert.deepEqual(response.body.seen, { correlationId: 'order-7f3a.41c2', causationId: response.body.requestId });
});

test('without the header a new id is made, echoed and used; each request gets its own', async (t) => {
  const app = buildService({ name: 'echo', routes: [echo] }, { logger: false });
  t.after(() => app.close());

  const first = await injectJson<Seen>(app, { method: 'POST', url: '/echo', payload: {} });
  const second = await injectJson<Seen>(app, { method: 'POST', url: '/echo', payload: {} });

  const id = first.headers['x-correlation-id'];
  assert.match(String(id), /^[0-9a-f-]{36}$/);
  assert.equal(first.body.seen?.correlationId, id);
  assert.notEqual(second.headers['x-correlation-id'], id);
  assert.equal(currentCorrelation(), undefined, 'nothing leaks out of the request');
});

test('a malformed X-Correlation-Id is refused with a 400 problem under a fresh id', async (t) => {
  const executed: string[] = [];
  const guarded: RoutePlugin = (app) => {
    app.get('/guarded', () => {
      executed.push('handler');
      return 'ran';
    });
  };
  const app = buildService({ name: 'echo', routes: [guarded] }, { logger: false });
  t.after(() => app.close());

  const response = await app.inject({
    method: 'GET',
    url: '/guarded',
    headers: { 'x-correlation-id': '../../etc/passwd' },
  });

  const problem = assertProblem(response, { status: 400, code: 'REQUEST.INVALID_CORRELATION_ID' });
  assert.notEqual(problem.correlationId, '../../etc/passwd');
  assert.deepEqual(executed, []);
});

test('every log line of a request carries its correlation id, from arrival to completion', async (t) => {
  const lines: Array<Record<string, unknown>> = [];
  const app = buildService(
    { name: 'echo', routes: [echo] },
    { logger: { stream: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } } },
  );
  t.after(() => app.close());

  await injectJson(app, { method: 'POST', url: '/echo', payload: {}, headers: { 'x-correlation-id': 'c-logs' } });

  const messages = lines.filter((line) => line['correlationId'] === 'c-logs').map((line) => line['msg']);
  assert.deepEqual(messages, ['incoming request', 'inside the handler', 'request completed']);
  assert.ok(lines.every((line) => line['service'] === 'echo'));
});
