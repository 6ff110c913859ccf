// LISTEN on real PostgreSQL: the outbox's NOTIFY reaches the listener when its transaction commits.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { defineTopic } from '@eventflow/bus';
import { createOutbox } from '../outbox/outbox.ts';
import { cleanupStack, eventually } from '../testing/index.ts';
import { openTestSchema } from './test-schema.ts';

test('a NOTIFY written with outbox rows reaches the listener at commit, not before', async (t) => {
  const defer = cleanupStack(t);
  const target = await openTestSchema(3);
  defer(() => target.close());
  const outbox = createOutbox({ schema: target.schema });
  const topic = defineTopic({ name: `listen-${randomUUID()}`, partitions: 1, schema: {} });
  let notified = 0;
  const unlisten = await target.db.listen!(outbox.channel, { notify: () => void (notified += 1) });
  defer(unlisten);

  const written = Promise.withResolvers<void>();
  const commit = Promise.withResolvers<void>();
  const transaction = target.db.transaction(async (tx) => {
    await outbox.enqueue(tx, [{ topic, key: 'k', value: {} }]);
    written.resolve();
    await commit.promise;
  });
  await written.promise;
  assert.equal(notified, 0, 'PostgreSQL delivers a NOTIFY at commit');
  commit.resolve();
  await transaction;
  await eventually(() => notified === 1, 'the notification');
});
