// Emmett's PostgreSQL event store (@event-driven-io/emmett-postgresql), used as its README shows:
// getPostgreSQLEventStore(connectionString, options), appendToStream with expectedStreamVersion,
// readStream. Its pool is a pg.Pool of the same size as ours, handed to Emmett through dumbo (its
// own database toolkit) so that its global-order reader, readMessagesBatch — what its consumers pull
// with — runs on the same connections.
import { dumbo } from '@event-driven-io/dumbo';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import type { Contender, ContenderTarget } from './contender.ts';
import type { BenchEvent } from './payload.ts';

export async function openEmmett(target: ContenderTarget): Promise<Contender> {
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: target.poolSize,
    application_name: 'eventflow-bench-emmett',
  });
  pool.on('error', () => undefined);
  const connections = dumbo({ connectionString: target.connectionString, pool });
  const store = getPostgreSQLEventStore(target.connectionString, { connectionOptions: { dumbo: connections } });
  await store.schema.migrate();
  return {
    async append(streamId, events, expected) {
      const result = await store.appendToStream<BenchEvent>(streamId, [...events], {
        expectedStreamVersion: BigInt(expected),
      });
      return Number(result.nextExpectedStreamVersion);
    },
    async readStream(streamId) {
      return (await store.readStream<BenchEvent>(streamId)).events.length;
    },
    readAll(batchSize) {
      let after = 0n;
      return {
        async next() {
          const batch = await readMessagesBatch(connections.execute, { after, batchSize });
          after = batch.currentGlobalPosition;
          return batch.messages.length;
        },
      };
    },
    async close() {
      await store.close();
      await pool.end();
    },
  };
}
