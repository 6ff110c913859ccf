// Opens a contender: our event store on PostgreSQL or on PGlite, or Emmett's PostgreSQL event store,
// whose module is imported only when asked for. Each runs in a child process of its own (see
// child.ts), so Emmett's global pg type parsers (dumbo sets int8 → BigInt and a JSON reviver for jsonb
// on the shared `pg` module) never touch our store's reads.
import { openEventStore, startCheckpoint } from '@eventflow/eventstore';
import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { openPostgresDatabase } from '@eventflow/sql/postgres';
import type { Contender, ContenderName, ContenderTarget } from './contender.ts';

export async function openContender(name: ContenderName, target: ContenderTarget): Promise<Contender> {
  if (name === 'emmett') {
    const { openEmmett } = await import('./emmett.ts');
    return openEmmett(target);
  }
  const db =
    name === 'ours'
      ? openPostgresDatabase({
          connectionString: target.connectionString,
          maxConnections: target.poolSize,
          applicationName: 'eventflow-bench-eventstore',
        })
      : await openPGliteDatabase({ dataDir: target.dataDir });
  const store = await openEventStore({ executor: db, schema: 'eventstore' });
  return {
    async append(streamId, events, expected) {
      const result = await store.append(
        streamId,
        events.map((event) => ({ type: event.type, data: event.data })),
        { expectedVersion: expected === 0 ? 'no-stream' : expected },
      );
      return result.nextExpectedVersion;
    },
    async readStream(streamId) {
      return (await store.readStream(streamId)).length;
    },
    readAll(pageSize) {
      let after = startCheckpoint;
      return {
        async next() {
          const page = await store.readAll({ after, limit: pageSize });
          after = page.checkpoint;
          return page.events.length;
        },
      };
    },
    close: () => db.close(),
  };
}
