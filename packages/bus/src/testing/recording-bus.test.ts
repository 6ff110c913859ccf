import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BusError } from '../errors.ts';
import { defineTopic } from '../topic.ts';
import { recordingBus } from './recording-bus.ts';

const greetings = defineTopic<{ name: string }>({
  name: 'greetings',
  partitions: 1,
  schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
});

test('the recording bus keeps what is published, in order, validated by its topic', async () => {
  const bus = recordingBus();
  const receipts = await bus.publish(greetings, [
    { key: 'a', value: { name: 'Ada' }, messageId: 'm1' },
    { key: 'b', value: { name: 'Grace' } },
  ]);
  assert.deepEqual(receipts, [
    { topic: 'greetings', partition: 0, messageId: 'm1' },
    { topic: 'greetings', partition: 0, messageId: '' },
  ]);
  assert.deepEqual(
    bus.published.map((p) => [p.topic, p.message.key, p.message.value]),
    [
      ['greetings', 'a', { name: 'Ada' }],
      ['greetings', 'b', { name: 'Grace' }],
    ],
  );
  await assert.rejects(
    bus.publish(greetings, [{ key: 'c', value: { name: 7 } as unknown as { name: string } }]),
    (error: unknown) => error instanceof BusError && error.code === 'BUS.INVALID_MESSAGE',
    'an invalid payload is refused, as a real bus refuses it',
  );
  assert.equal(bus.published.length, 2, 'and nothing of it is kept');
});

test('while down, every publish rejects and nothing is kept; back up, it takes messages again', async () => {
  const bus = recordingBus();
  bus.down = true;
  await assert.rejects(bus.publish(greetings, [{ key: 'a', value: { name: 'Ada' } }]), /broker unavailable/);
  assert.equal(bus.published.length, 0);
  bus.down = false;
  await bus.publish(greetings, [{ key: 'a', value: { name: 'Ada' } }]);
  assert.equal(bus.published.length, 1);
  await assert.rejects(
    bus.subscribe({ topic: greetings, group: 'g', handle: () => Promise.resolve() }),
    /does not deliver/,
  );
  await bus.close();
});
