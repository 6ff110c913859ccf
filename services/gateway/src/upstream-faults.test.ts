// What the gateway does when a service misbehaves (issue 15's findings 6, 7 and 9): every request is
// answered promptly and as problem+json, uploads pass as curl sends them, health is cheap under load.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { createServer, type Socket } from 'node:net';
import { test, type TestContext } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildGateway } from './app.ts';
import { upstreamSource } from './health.ts';

async function listening(t: TestContext, app: FastifyInstance): Promise<string> {
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  t.after(() => app.close());
  return url;
}

async function gatewayTo(
  t: TestContext,
  url: string,
  options: { headersMs?: number; bodyLimit?: number } = {},
): Promise<string> {
  const gateway = buildGateway({
    mode: 'distributed',
    upstreams: [
      {
        name: 'things',
        routes: [{ prefix: '/api/things' }],
        url,
        ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
      },
    ],
    health: [upstreamSource('things', url)],
    ...(options.headersMs === undefined ? {} : { timeouts: { headersMs: options.headersMs } }),
    service: { logger: false, defaultMetrics: false },
  });
  return listening(t, gateway);
}

test('an upload sent with Expect: 100-continue (curl above 1 MiB) passes through the gateway', async (t) => {
  const upstream = Fastify({ bodyLimit: 8 * 1024 * 1024 });
  upstream.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_r, body, done) =>
    done(null, body),
  );
  upstream.post('/api/things/upload', (request) => ({ bytes: (request.body as Buffer).length }));
  const gateway = await gatewayTo(t, await listening(t, upstream), { bodyLimit: 8 * 1024 * 1024 });
  const body = Buffer.alloc(2 * 1024 * 1024, 7);

  const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = httpRequest(`${gateway}/api/things/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'content-length': body.length, expect: '100-continue' },
    });
    request.once('continue', () => request.end(body));
    request.once('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.once('error', reject);
  });
  assert.equal(answer.status, 200, answer.text);
  assert.deepEqual(JSON.parse(answer.text), { bytes: body.length });
});

test('a service that is down is a prompt 503 problem with Retry-After', async (t) => {
  const down = await gatewayTo(t, 'http://127.0.0.1:1'); // nothing listens on port 1

  const response = await fetch(`${down}/api/things/1`, {
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(response.status, 503);
  assert.equal(response.headers.get('retry-after'), '1');
  assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/);
  assert.equal(((await response.json()) as { code: string }).code, 'GATEWAY.SERVICE_UNAVAILABLE');
});

test('a service that drops the connection mid-request is answered, not left hanging', async (t) => {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('data', () => socket.destroy()); // dies as the request arrives
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  assert.ok(typeof address === 'object' && address !== null);
  const gateway = await gatewayTo(t, `http://127.0.0.1:${address.port}`);

  const answers = await Promise.all(
    Array.from({ length: 20 }, () =>
      fetch(`${gateway}/api/things/upload`, { method: 'POST', body: Buffer.alloc(64 * 1024, 1) }).then(
        async (response) => ({ status: response.status, code: ((await response.json()) as { code: string }).code }),
      ),
    ),
  );
  for (const answer of answers) {
    assert.ok([502, 503].includes(answer.status), `answered ${answer.status}`);
    assert.match(answer.code, /^GATEWAY\./);
  }
});

test('a service that never answers is a 504 after the gateway’s timeout', async (t) => {
  const upstream = Fastify();
  upstream.get('/api/things/slow', () => new Promise(() => undefined));
  const gateway = await gatewayTo(t, await listening(t, upstream), { headersMs: 300 });
  const response = await fetch(`${gateway}/api/things/slow`);
  assert.equal(response.status, 504);
  assert.equal(((await response.json()) as { code: string }).code, 'GATEWAY.SERVICE_TIMEOUT');
  await upstream.close().catch(() => undefined);
});

test('a GET answered 503 by the service is passed on at once, never retried by the gateway', async (t) => {
  let calls = 0;
  const upstream = Fastify();
  upstream.get('/api/things/busy', (_request, reply) => {
    calls += 1;
    return reply.code(503).header('retry-after', '5').send({ busy: true });
  });
  const gateway = await gatewayTo(t, await listening(t, upstream));
  const response = await fetch(`${gateway}/api/things/busy`);
  assert.equal(response.status, 503);
  assert.equal(response.headers.get('retry-after'), '5');
  assert.equal(calls, 1);
});

test('a burst of /health and /health/ready shares one check of the services', async (t) => {
  let checks = 0;
  const upstream = Fastify();
  upstream.get('/health/ready', async () => {
    checks += 1;
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { dependencies: [{ name: 'db', status: 'up', detail: 'ok' }] };
  });
  const gateway = await gatewayTo(t, await listening(t, upstream));
  const answers = await Promise.all(
    Array.from({ length: 300 }, (_, i) =>
      fetch(`${gateway}/health${i % 2 === 0 ? '' : '/ready'}`).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { status: string },
      })),
    ),
  );
  assert.ok(
    answers.every((a) => a.status === 200 && a.body.status === 'ok'),
    'every answer says the platform is up',
  );
  assert.ok(checks <= 3, `the service was checked ${checks} times for 300 requests`);
});

test('a JSON body larger than the service takes is a 413 from the gateway, before it is streamed', async (t) => {
  let calls = 0;
  const upstream = Fastify();
  upstream.post('/api/things', () => {
    calls += 1;
    return { ok: true };
  });
  const gateway = await gatewayTo(t, await listening(t, upstream));
  const big = JSON.stringify({ text: 'x'.repeat(50 * 1024 * 1024) });
  const response = await fetch(`${gateway}/api/things`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: big,
  });
  assert.equal(response.status, 413);
  assert.equal(((await response.json()) as { code: string }).code, 'REQUEST.PAYLOAD_TOO_LARGE');
  assert.equal(calls, 0);
  const small = await fetch(`${gateway}/api/things`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(small.status, 200);
});

test('a chunked JSON body (no Content-Length) larger than the service takes is a 413 too, and never reaches it', async (t) => {
  let calls = 0;
  const upstream = Fastify();
  upstream.post('/api/things', (request) => {
    calls += 1;
    return { got: request.body };
  });
  const gateway = await gatewayTo(t, await listening(t, upstream));
  const chunk = Buffer.alloc(1024 * 1024, 'x');
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) controller.enqueue(Buffer.from('{"text":"'));
      if (sent >= 50) {
        controller.enqueue(Buffer.from('"}'));
        controller.close();
        return;
      }
      sent += 1;
      controller.enqueue(chunk);
    },
  });
  const response = await fetch(`${gateway}/api/things`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    duplex: 'half',
  } as RequestInit);
  assert.equal(response.status, 413);
  assert.equal(((await response.json()) as { code: string }).code, 'REQUEST.PAYLOAD_TOO_LARGE');
  assert.equal(calls, 0, 'the service saw nothing');
  // A small chunked body still goes through, whole.
  const small = await fetch(`${gateway}/api/things`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: new Blob(['{"a":1}']).stream(),
    duplex: 'half',
  } as RequestInit);
  assert.equal(small.status, 200);
  assert.deepEqual(await small.json(), { got: { a: 1 } });
});
