import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Bus, OutgoingMessage, PublishReceipt, Topic } from '@eventflow/bus';
import { buildService } from '@eventflow/service';
import { logHttpOperations } from './http.ts';
import { operationLogTopic, type OperationRecord } from './record.ts';
import { OperationLog } from './shipper.ts';

test('each API request the service answers becomes one operation record with its correlation id', async (t) => {
  const sent: Array<OutgoingMessage<OperationRecord>> = [];
  const bus: Pick<Bus, 'publish'> = {
    publish<T>(topic: Topic<T>, messages: ReadonlyArray<OutgoingMessage<T>>): Promise<PublishReceipt[]> {
      sent.push(...(messages as unknown as Array<OutgoingMessage<OperationRecord>>));
      return Promise.resolve(messages.map(() => ({ topic: topic.name, partition: 0, messageId: 'm' })));
    },
  };
  const log = new OperationLog({ service: 'storage-server', topic: operationLogTopic('storage'), bus });
  const app = buildService(
    {
      name: 'storage',
      routes: [
        (instance) => {
          logHttpOperations(instance, log);
          instance.post(
            '/api/things/:id',
            { schema: { body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } } } },
            () => ({ ok: true }),
          );
        },
      ],
    },
    { logger: false, defaultMetrics: false },
  );
  t.after(() => app.close());

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

  assert.equal(sent.length, 2, 'health checks are not operations');
  assert.equal(sent[0]?.value.correlationId, 'corr-http-1');
  assert.equal(sent[0]?.value.endpoint, 'POST /api/things/:id');
  assert.equal(sent[0]?.value.payload, '{"n":1}');
  assert.equal(sent[0]?.value.success, true);
  assert.equal(sent[1]?.value.success, false);
  assert.equal(sent[1]?.value.statusCode, 400);
  assert.equal(sent[1]?.value.correlationId, bad.headers['x-correlation-id']);
});
