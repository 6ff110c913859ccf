// Private servers for fault tests: started on ports and folders of their own, stopped, killed and
// started again on the same data, then removed without a trace; the shared servers are untouched.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { Admin, Consumer, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka';
import pg from 'pg';
import { freePortRange } from '@eventflow/service';
import { startPrivateServer } from './private-server.ts';
import { probeKafka, probePostgres } from './probes.ts';

test('a private PostgreSQL in a private temporary folder: stopped, killed, started again on its data, removed', async (t) => {
  const server = await startPrivateServer('postgres', { port: await freePortRange(1), log: () => undefined });
  t.after(() => server.remove());
  const pid = server.pid();
  assert.ok(pid !== undefined);
  assert.match(server.address, /^postgres:\/\/eventflow:eventflow@127\.0\.0\.1:\d+\/eventflow$/);
  const query = async <R extends pg.QueryResultRow>(sql: string): Promise<R[]> => {
    const client = new pg.Client({ connectionString: server.address });
    await client.connect();
    try {
      return (await client.query<R>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const [{ data_directory: pgdata } = assert.fail('no data directory')] = await query<{ data_directory: string }>(
    'SHOW data_directory',
  );
  assert.ok(existsSync(pgdata));
  await query('CREATE TABLE kept (id text PRIMARY KEY); INSERT INTO kept VALUES ($$before$$)');

  await server.stop();
  assert.equal(server.pid(), undefined, 'stopped');
  assert.equal((await probePostgres(server.address)).ok, false);
  await server.start();
  assert.notEqual(server.pid(), pid, 'a new process');
  await query('INSERT INTO kept VALUES ($$after-stop$$)');

  await server.kill(); // postmaster and backends at once: a crash
  assert.equal((await probePostgres(server.address)).ok, false);
  await server.start(); // crash recovery replays the WAL
  const rows = await query<{ id: string }>('SELECT id FROM kept ORDER BY id');
  assert.deepEqual(
    rows.map((r) => r.id),
    ['after-stop', 'before'],
    'committed rows survive a stop and a crash',
  );

  await server.remove();
  assert.equal(server.pid(), undefined);
  assert.equal(existsSync(server.dataDir), false, 'its folder is gone');
  assert.equal(existsSync(pgdata), false, 'its data is gone, wherever PostgreSQL kept it');
});

test('a private Kafka: a record written before a stop and a kill is read after each restart', async (t) => {
  const server = await startPrivateServer('kafka', { port: await freePortRange(2), log: () => undefined });
  t.after(() => server.remove());
  assert.match(server.address, /^127\.0\.0\.1:\d+$/);
  const bootstrapBrokers = [server.address];
  const topic = `private-${randomUUID()}`;
  const admin = new Admin({ clientId: 'private-admin', bootstrapBrokers });
  await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1 });
  await admin.close();
  const producer = new Producer({ clientId: 'private-producer', bootstrapBrokers, serializers: stringSerializers });
  await producer.send({ messages: [{ topic, key: 'k', value: 'kept' }], acks: -1 });
  await producer.close();

  const read = async (): Promise<string[]> => {
    const consumer = new Consumer({
      clientId: 'private-consumer',
      groupId: `private-${randomUUID()}`,
      bootstrapBrokers,
      deserializers: stringDeserializers,
    });
    try {
      const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
      for await (const message of stream) {
        await stream.close();
        return [message.value];
      }
      return [];
    } finally {
      await consumer.close(true);
    }
  };

  const pid = server.pid();
  await server.stop();
  assert.equal(server.pid(), undefined, 'stopped');
  assert.equal((await probeKafka(bootstrapBrokers)).ok, false);
  await server.start();
  assert.notEqual(server.pid(), pid);
  assert.deepEqual(await read(), ['kept'], 'after a controlled shutdown');

  await server.kill();
  assert.equal((await probeKafka(bootstrapBrokers)).ok, false);
  await server.start();
  assert.deepEqual(await read(), ['kept'], 'after a crash');

  await server.remove();
  assert.equal(existsSync(server.dataDir), false);
});
