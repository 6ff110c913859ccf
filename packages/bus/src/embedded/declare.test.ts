import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BusError } from '../errors.ts';
import { defineTopic } from '../topic.ts';
import { numberedTopic, scratch } from './test-support.ts';

const isCode = (code: string) => (error: unknown) => error instanceof BusError && error.code === code;

test('declare is idempotent and remembered across restarts; another partition count is refused', async (t) => {
  const { open } = await scratch(t);
  const topic = numberedTopic(3);
  const wider = defineTopic({ name: topic.name, partitions: 4, schema: {} });
  let bus = await open();
  await bus.declare([topic]);
  await bus.declare([topic]);
  await assert.rejects(bus.declare([wider]), isCode('BUS.TOPIC_MISMATCH'));
  await bus.close();

  bus = await open();
  await assert.rejects(bus.declare([wider]), isCode('BUS.TOPIC_MISMATCH'), 'the partition count was persisted');
  await bus.declare([topic]);
  const [receipt] = await bus.publish(topic, [{ key: 'k', value: { n: 1 } }]);
  assert.equal(receipt?.topic, topic.name, 'the restarted bus knows the topic without a new declare');
  await assert.rejects(bus.publish(wider, [{ key: 'k', value: { n: 1 } }]), isCode('BUS.TOPIC_MISMATCH'));
  await assert.rejects(
    bus.subscribe({ group: 'g', topic: wider, handle: () => Promise.resolve() }),
    isCode('BUS.TOPIC_MISMATCH'),
  );
});

test('publishing to an undeclared topic is refused; a closed bus refuses work', async (t) => {
  const { open } = await scratch(t);
  const bus = await open();
  const topic = numberedTopic();
  await assert.rejects(bus.publish(topic, [{ key: 'k', value: { n: 1 } }]), isCode('BUS.UNKNOWN_TOPIC'));
  await bus.declare([topic]);
  await bus.close();
  await bus.close();
  await assert.rejects(bus.publish(topic, [{ key: 'k', value: { n: 1 } }]), isCode('BUS.CLOSED'));
  await assert.rejects(bus.subscribe({ group: 'g', topic, handle: () => Promise.resolve() }), isCode('BUS.CLOSED'));
});
