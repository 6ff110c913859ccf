// The inbox on PGlite: a message is handled once per consumer, its id recorded with the handler's writes.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, test, type TestContext } from 'node:test';
import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { countedTopic, embeddedBus } from '../outbox/test-support.ts';
import { migrate } from '../schema/migrate.ts';
import type { SqlExecutor } from '@eventflow/sql';
import { cleanupStack, eventually, type Defer } from '../testing/index.ts';
import { handleOnce, inboxHandler, pruneInbox } from './inbox.ts';

const db = await openPGliteDatabase();
after(() => db.close());
let schemas = 0;

/** A schema of its own with a table the handlers write to. */
async function fixture(t: TestContext): Promise<{ defer: Defer; schema: string; effects: () => Promise<string[]> }> {
  const defer = cleanupStack(t);
  const schema = `inbox_${++schemas}`;
  await migrate(db, { schema });
  await db.query(`CREATE TABLE "${schema}".effects (id serial PRIMARY KEY, note text NOT NULL)`);
  defer(() => db.query(`DROP SCHEMA "${schema}" CASCADE`));
  const effects = async () =>
    (await db.query<{ note: string }>(`SELECT note FROM "${schema}".effects ORDER BY id`)).map((row) => row.note);
  return { defer, schema, effects };
}

const note = (schema: string, text: string) => (tx: SqlExecutor) =>
  tx.query(`INSERT INTO "${schema}".effects (note) VALUES ($1)`, [text]).then(() => text);

test('a redelivered message is skipped; another consumer handles it on its own', async (t) => {
  const { schema, effects } = await fixture(t);
  assert.deepEqual(await handleOnce(db, 'billing', 'm-1', note(schema, 'first'), { schema }), {
    handled: true,
    result: 'first',
  });
  assert.deepEqual(await handleOnce(db, 'billing', 'm-1', note(schema, 'again'), { schema }), { handled: false });
  assert.deepEqual(await handleOnce(db, 'shipping', 'm-1', note(schema, 'other'), { schema }), {
    handled: true,
    result: 'other',
  });
  assert.deepEqual(await effects(), ['first', 'other']);
});

test('a handler that fails records nothing, so the redelivery is handled', async (t) => {
  const { schema, effects } = await fixture(t);
  await assert.rejects(
    handleOnce(
      db,
      'billing',
      'm-2',
      async (tx) => {
        await note(schema, 'lost')(tx);
        throw new Error('handler failed');
      },
      { schema },
    ),
    /handler failed/,
  );
  assert.deepEqual(await effects(), []);
  assert.equal((await handleOnce(db, 'billing', 'm-2', note(schema, 'retried'), { schema })).handled, true);
  assert.deepEqual(await effects(), ['retried']);
});

test('a bus consumer behind inboxHandler handles a message published twice once', async (t) => {
  const { defer, schema, effects } = await fixture(t);
  const bus = await embeddedBus(defer);
  const topic = countedTopic();
  await bus.declare([topic]);
  let deliveries = 0;
  const subscription = await bus.subscribe({
    group: `inbox-${randomUUID()}`,
    topic,
    handle: inboxHandler(
      db,
      'counter',
      async (message, tx) => {
        await note(schema, `n=${message.value.n}`)(tx);
      },
      { schema },
    ),
  });
  defer(() => subscription.close());
  const observer = await bus.subscribe({
    group: `observer-${randomUUID()}`,
    topic,
    handle: () => Promise.resolve(void (deliveries += 1)),
  });
  defer(() => observer.close());
  const message = { key: 'k', value: { n: 1 }, messageId: 'same-id' };
  await bus.publish(topic, [message]);
  await bus.publish(topic, [message, { key: 'k', value: { n: 2 } }]);
  await eventually(async () => deliveries === 3 && (await effects()).length >= 2, 'three deliveries handled');
  assert.deepEqual(await effects(), ['n=1', 'n=2']);
});

test('pruneInbox forgets ids handled before a time', async (t) => {
  const { schema } = await fixture(t);
  await handleOnce(db, 'c', 'old', () => Promise.resolve(), { schema });
  await handleOnce(db, 'c', 'new', () => Promise.resolve(), { schema });
  // Handled a day ago, as far as the inbox knows (no waiting, no clock resolution to race).
  await db.query(
    `UPDATE "${schema}".inbox SET processed_at = processed_at - interval '1 day' WHERE message_id = 'old'`,
  );
  const row = (await db.query<{ cutoff: Date }>(`SELECT clock_timestamp() - interval '1 hour' AS cutoff`))[0]!;
  assert.equal(await pruneInbox(db, new Date(row.cutoff), { schema }), 1);
  assert.equal((await handleOnce(db, 'c', 'old', () => Promise.resolve(), { schema })).handled, true);
  assert.equal((await handleOnce(db, 'c', 'new', () => Promise.resolve(), { schema })).handled, false);
});
