import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test, type TestContext } from 'node:test';
import { buildService, type RoutePlugin, type ServiceApp } from '@eventflow/service';
import { HttpOperations, logHttpOperations, type RecordedOperation } from './http.ts';
import { recordingOperationLog } from './testing/index.ts';

const bodySchema = { body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } } };

async function serviceWith(t: TestContext, route: RoutePlugin): Promise<ServiceApp> {
  const app = buildService({ name: 'things', routes: [route] }, { logger: false, defaultMetrics: false });
  t.after(() => app.close());
  await app.ready();
  return app;
}

test('each API request the service answers becomes one operation record with its correlation id', async (t) => {
  const { log, records } = recordingOperationLog('things', 'things-server');
  const app = await serviceWith(t, (instance) => {
    logHttpOperations(instance, log);
    instance.post('/api/things/:id', { schema: bodySchema }, () => ({ ok: true }));
  });

  const ok = await app.inject({
    method: 'POST',
    url: '/api/things/7',
    payload: { n: 1 },
    headers: { 'x-correlation-id': 'corr-http-1' },
  });
  assert.equal(ok.statusCode, 200);
  const bad = await app.inject({ method: 'POST', url: '/api/things/8', payload: { n: 'x' } });
  assert.equal(bad.statusCode, 400);
  await app.inject({ method: 'GET', url: '/health' });
  await log.flush();

  assert.equal(records.length, 2, 'health checks are not operations');
  assert.equal(records[0]?.correlationId, 'corr-http-1');
  assert.equal(records[0]?.service, 'things-server');
  assert.equal(records[0]?.endpoint, 'POST /api/things/:id');
  assert.equal(records[0]?.payload, '{"n":1}');
  assert.equal(records[0]?.success, true);
  assert.equal(records[0]?.error, undefined);
  assert.equal(records[1]?.success, false);
  assert.equal(records[1]?.statusCode, 400);
  assert.equal(records[1]?.error, 'REQUEST.VALIDATION_FAILED', 'the code of the problem the caller got');
  assert.equal(records[1]?.correlationId, bad.headers['x-correlation-id']);
});

test('an include predicate picks the operations; reads of the same paths leave no record', async (t) => {
  const { log, records } = recordingOperationLog('things', 'things-server');
  const app = await serviceWith(t, (instance) => {
    logHttpOperations(instance, log, { include: (request) => request.method !== 'GET' });
    instance.get('/api/things/:id', () => ({ ok: true }));
    instance.delete('/api/things/:id', () => ({ ok: true }));
  });
  await app.inject({ method: 'GET', url: '/api/things/1?verbose=1' });
  await app.inject({ method: 'DELETE', url: '/api/things/1?verbose=1' });
  await log.flush();
  assert.deepEqual(
    records.map((r) => [r.endpoint, JSON.parse(r.payload) as unknown]),
    [['DELETE /api/things/:id', { params: { id: '1' }, query: { verbose: '1' } }]],
  );
});

test('per route: an operation name, what the request says, what the handler notes, each record seen once', async (t) => {
  const { log, records } = recordingOperationLog('things', 'things-server');
  const seen: RecordedOperation[] = [];
  const operations = new HttpOperations(log, { onRecord: (_request, recorded) => seen.push(recorded) });
  const describe = (request: { params: unknown }) => ({
    correlationId: (request.params as { id: string }).id,
    payload: { asked: true },
  });
  const app = await serviceWith(t, (instance) => {
    instance.get('/api/files/:id', { ...operations.hooks({ operation: 'download', describe }) }, (request) => {
      operations.note(request, { fileName: `${'x'.repeat(300)}.pdf`, payload: { size: 3 } });
      return { ok: true };
    });
    instance.get(
      '/api/files/:id/stream',
      { ...operations.hooks({ operation: 'stream', describe }) },
      (request, reply) => {
        const body = Readable.from(['a', 'b']);
        operations.settleWithStream(request, reply, body);
        return reply.send(body);
      },
    );
  });
  await app.inject({ method: 'GET', url: '/api/files/doc-1', headers: { 'x-correlation-id': 'req-1' } });
  await app.inject({ method: 'GET', url: '/api/files/doc-2/stream' });
  await log.flush();

  assert.deepEqual(
    records.map((r) => [r.operation, r.correlationId, r.success, r.statusCode, JSON.parse(r.payload) as unknown]),
    [
      ['download', 'doc-1', true, 200, { asked: true, size: 3 }],
      ['stream', 'doc-2', true, 200, { asked: true }],
    ],
  );
  assert.equal(records[0]?.fileName?.length, 255, 'a file name is cut to 255 characters');
  assert.equal(seen.length, 2);
  assert.equal(seen[0]?.requestCorrelationId, 'req-1', 'the request’s own id, beside the document’s');
});
