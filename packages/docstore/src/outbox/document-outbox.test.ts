// The outbox inside each document: a message written with the change it announces, in the same
// atomic write, and sent once the bus takes it — right away, or later by the sweeper, with the id it
// was given at the write, in order per document.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { defineTopic } from '@eventflow/bus';
import { eventually, recordingBus } from '@eventflow/bus/testing';
import { withCorrelation } from '@eventflow/correlation';
import type { BaseDocument } from '../port.ts';
import { freshCollection, openTestDocumentStore } from '../testing/index.ts';
import { DocumentOutbox } from './document-outbox.ts';
import {
  outboxAdditions,
  outboxOf,
  pendingMessage,
  type OutboxFields,
  type PendingMessage,
} from './pending-message.ts';
import { outboxSweeper, type SweeperLog } from './sweeper.ts';

interface Show extends BaseDocument, OutboxFields {
  readonly title: string;
  readonly seats: number;
}

interface ShowChanged {
  readonly show: string;
  readonly seats: number;
}

const showsTopic = defineTopic<ShowChanged>({
  name: 'shows',
  partitions: 1,
  schema: {
    type: 'object',
    required: ['show', 'seats'],
    properties: { show: { type: 'string' }, seats: { type: 'integer' } },
    additionalProperties: false,
  },
});

const at = (iso: string) => new Date(iso);
const changed = (show: string, seats: number, when: string) =>
  pendingMessage(showsTopic, { type: 'ShowChanged', key: show, value: { show, seats } }, at(when));

async function fixture(t: TestContext) {
  const { items: shows } = await freshCollection<Show>(t, openTestDocumentStore);
  const bus = recordingBus();
  const outbox = new DocumentOutbox({ collection: shows, bus, topics: [showsTopic] });
  const warnings: string[] = [];
  const warn = (fields: { readonly messageId: string }, message: string) =>
    void warnings.push(`${fields.messageId}: ${message}`);
  /** A show created with its first message, then changed with a second: two atomic writes. */
  const created = async (id: string, when = ['2025-01-01T00:00:00.000Z', '2025-01-01T00:00:01.000Z']) => {
    const first = changed(id, 10, when[0] ?? '');
    await shows.insertOne({ _id: id, title: id, seats: 10, ...outboxOf([first]) });
    const second = changed(id, 8, when[1] ?? '');
    const additions = outboxAdditions([second]);
    await shows.updateOne({ _id: id }, { $set: { seats: 8, ...additions.$set }, $inc: additions.$inc });
    return [first, second] as const;
  };
  return { shows, bus, outbox, warn, warnings, created };
}

test('a pending message is checked against its topic when written and carries the current correlation', () => {
  const message = withCorrelation({ correlationId: 'c-1', causationId: 'm-0' }, () =>
    changed('s1', 3, '2025-01-01T00:00:00.000Z'),
  );
  assert.match(message.messageId, /^[0-9a-f-]{36}$/);
  assert.deepEqual(
    { ...message, messageId: undefined },
    {
      messageId: undefined,
      topic: 'shows',
      type: 'ShowChanged',
      key: 's1',
      value: { show: 's1', seats: 3 },
      occurredAt: '2025-01-01T00:00:00.000Z',
      correlationId: 'c-1',
      causationId: 'm-0',
    },
  );
  const outside = changed('s1', 3, '2025-01-01T00:00:00.000Z');
  assert.ok(!('correlationId' in outside) && !('causationId' in outside), 'no correlation, none carried');
  assert.throws(
    () => pendingMessage(showsTopic, { type: 'ShowChanged', key: 's1', value: { show: 's1', seats: 1.5 } }, new Date()),
    /invalid shows payload/,
    'refused at the write, not when sent',
  );
  assert.deepEqual(outboxOf([message, outside]), {
    outbox: { [message.messageId]: message, [outside.messageId]: outside },
    outbox_size: 2,
  });
  assert.deepEqual(outboxAdditions([message]), {
    $set: { [`outbox.${message.messageId}`]: message },
    $inc: { outbox_size: 1 },
  });
});

test('deliver sends in order and takes each message out of its document once the bus has it', async (t) => {
  const { shows, bus, outbox, created } = await fixture(t);
  const messages = await created('s1');
  assert.equal((await shows.findOne({ _id: 's1' }))?.outbox_size, 2);
  assert.equal(await outbox.deliver('s1', messages), 2);
  assert.deepEqual(
    bus.published.map((p) => [p.topic, p.message.type, p.message.key, p.message.messageId, p.message.occurredAt]),
    messages.map((m) => ['shows', 'ShowChanged', 's1', m.messageId, m.occurredAt]),
  );
  const stored = await shows.findOne({ _id: 's1' });
  assert.deepEqual([stored?.outbox, stored?.outbox_size], [{}, 0]);
  assert.equal(await outbox.deliver('s1', messages), 2, 'sent again if asked: at least once');
  assert.equal((await shows.findOne({ _id: 's1' }))?.outbox_size, 0, 'a message already gone is not counted twice');
});

test('a message the bus refuses stays, and holds back the ones after it in its document', async (t) => {
  const { shows, bus, outbox, warn, warnings, created } = await fixture(t);
  const [first, second] = await created('s1');
  bus.down = true;
  assert.equal(await outbox.deliver('s1', [first, second], warn), 0);
  assert.deepEqual(warnings, [`${first.messageId}: outbox: message left for the sweeper`], 'one try, then stop');
  assert.equal((await shows.findOne({ _id: 's1' }))?.outbox_size, 2, 'nothing lost');

  const unknown: PendingMessage = { ...changed('s1', 1, '2025-01-01T00:00:02.000Z'), topic: 'elsewhere' };
  bus.down = false;
  await assert.doesNotReject(outbox.deliver('s1', [unknown], warn));
  assert.match(warnings[1] ?? '', /message left for the sweeper/, 'a topic not declared for the outbox is not sent');
  assert.equal(bus.published.length, 0);
});

test('the sweep sends what waited past the cutoff, per document in the order written, once', async (t) => {
  const { shows, bus, outbox, created } = await fixture(t);
  const s1 = await created('s1', ['2025-01-01T00:00:01.000Z', '2025-01-01T00:00:03.000Z']);
  const s2 = await created('s2', ['2025-01-01T00:00:00.000Z', '2025-01-01T00:00:02.000Z']);
  bus.down = true;
  const later = at('2025-01-02T00:00:00.000Z');
  assert.equal(await outbox.sweep(later), 0, 'still down: nothing sent, nothing lost');
  bus.down = false;
  assert.equal(await outbox.sweep(at('2024-12-31T00:00:00.000Z')), 0, 'younger than the cutoff: left to the writer');
  assert.equal(await outbox.sweep(at('2025-01-01T00:00:02.000Z')), 3, 'only what is old enough');
  assert.equal(await outbox.sweep(later), 1);
  const sent = (key: string) => bus.published.filter((p) => p.message.key === key).map((p) => p.message.messageId);
  assert.deepEqual(
    sent('s1'),
    s1.map((m) => m.messageId),
    'in the order written',
  );
  assert.deepEqual(
    sent('s2'),
    s2.map((m) => m.messageId),
  );
  assert.equal(await outbox.sweep(later), 0, 'sent once');
  assert.deepEqual(
    (await shows.find({})).map((show) => show.outbox_size),
    [0, 0],
  );
});

test('a sweep round looks at `limit` documents at most', async (t) => {
  const { bus, outbox, created } = await fixture(t);
  for (const id of ['s1', 's2', 's3']) await created(id);
  const later = at('2025-01-02T00:00:00.000Z');
  assert.equal(await outbox.sweep(later, undefined, 2), 4);
  assert.equal(await outbox.sweep(later, undefined, 2), 2);
  assert.equal(bus.published.length, 6);
});

test('the sweeper, as a worker, sends what the bus refused once it is back; closing waits for its round', async (t) => {
  const { shows, bus, outbox, created } = await fixture(t);
  bus.down = true;
  await created('s1');
  const lines: string[] = [];
  const log: SweeperLog = {
    info: (fields, message) => void lines.push(`${message} ${JSON.stringify(fields)}`),
    warn: (_fields, message) => void lines.push(message),
  };
  const sweeper = outboxSweeper(outbox, { intervalSeconds: 0.02, now: () => at('2025-01-02T00:00:00.000Z') });
  assert.equal(sweeper.name, 'outbox-sweeper');
  await sweeper.start({ log });
  t.after(() => sweeper.close());
  await eventually(() => lines.includes('outbox: message left for the sweeper'), 'a round with the bus down');
  bus.down = false;
  await eventually(() => bus.published.length === 2, 'the sweeper to send both messages');
  await eventually(async () => (await shows.findOne({ _id: 's1' }))?.outbox_size === 0, 'the outbox emptied');
  assert.ok(lines.includes('outbox: pending messages sent {"sent":2}'));
  await sweeper.close();
});
