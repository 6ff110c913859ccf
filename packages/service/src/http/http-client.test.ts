import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withCorrelation } from '@eventflow/correlation';
import Fastify from 'fastify';
import type { RoutePlugin } from '../definition.ts';
import { buildService } from '../build.ts';
import { injectJson } from '../testing/index.ts';
import { httpClient } from './http-client.ts';

/** A second HTTP server, on a real port, that records the correlation header of what it receives. */
async function recordingTarget(t: { after(fn: () => Promise<void>): void }) {
  const received: Array<string | undefined> = [];
  const gate = Promise.withResolvers<void>();
  const target = Fastify();
  target.get('/seen', (request) => {
    const header = request.headers['x-correlation-id'];
    received.push(typeof header === 'string' ? header : undefined);
    return { ok: true };
  });
  target.get('/slow', () => gate.promise.then(() => ({ ok: true })));
  const url = await target.listen({ host: '127.0.0.1', port: 0 });
  t.after(async () => {
    gate.resolve();
    await target.close();
  });
  return { url, received };
}

test('a handler calling another service through httpClient passes its correlation id on', async (t) => {
  const target = await recordingTarget(t);
  const client = httpClient();
  const calling: RoutePlugin = (app) => {
    app.get('/call', async () => {
      const response = await client(`${target.url}/seen`);
      return { status: response.status };
    });
  };
  const app = buildService({ name: 'caller', routes: [calling] }, { logger: false });
  t.after(() => app.close());

  const response = await injectJson(app, { method: 'GET', url: '/call', headers: { 'x-correlation-id': 'c-hop' } });

  assert.deepEqual(response.body, { status: 200 });
  assert.deepEqual(target.received, ['c-hop']);
});

test('outside any correlation no header is added, and a header the caller set is kept', async (t) => {
  const target = await recordingTarget(t);
  const client = httpClient();

  await client(`${target.url}/seen`);
  await withCorrelation({ correlationId: 'c-ambient' }, () =>
    client(`${target.url}/seen`, { headers: { 'X-Correlation-Id': 'c-explicit' } }),
  );

  assert.deepEqual(target.received, [undefined, 'c-explicit']);
});

test('a request that outlasts its timeout is aborted with a TimeoutError', async (t) => {
  const target = await recordingTarget(t);
  const client = httpClient({ timeoutMs: 60_000 });

  await assert.rejects(client(`${target.url}/slow`, { timeoutMs: 20 }), { name: 'TimeoutError' });
});
