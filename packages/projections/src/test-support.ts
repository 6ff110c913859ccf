// Shared by this package's tests: a same-database projection, a workload, and what the projection
// should hold after it (folded in memory from the store's own events).
import type { EventStore, RecordedEvent, SqlExecutor } from '@eventflow/eventstore';
import { readAllUntil } from '@eventflow/eventstore/testing';
import { defineProjection, type Projection } from './projection.ts';
import { sqlReadModel, type SqlContext } from './sql/sql-read-model.ts';

export interface StreamStats {
  readonly stream: string;
  readonly events: number;
  readonly total: number;
  readonly lastVersion: number;
}

const amountOf = (event: RecordedEvent): number => (event.data as { n: number }).n;

/** Per stream: how many Added events, their sum, and the last version seen. Exactly-once by design. */
export async function statsProjection(
  db: SqlExecutor,
  schema: string,
  name = 'stats',
): Promise<Projection<SqlContext>> {
  const table = `"${schema}".stats_${name.replaceAll(/[^a-z0-9_]/g, '_')}`;
  await db.query(`CREATE TABLE ${table} (stream text PRIMARY KEY, events integer NOT NULL, total integer NOT NULL,
    last_version integer NOT NULL)`);
  return defineProjection({
    name,
    readModel: sqlReadModel({ tables: [table] }),
    eventTypes: ['Added'],
    async apply(event, { sql }) {
      await sql.query(
        `INSERT INTO ${table} AS s (stream, events, total, last_version) VALUES ($1, 1, $2, $3)
         ON CONFLICT (stream) DO UPDATE
         SET events = s.events + 1, total = s.total + EXCLUDED.total, last_version = EXCLUDED.last_version`,
        [event.streamId, amountOf(event), event.version],
      );
    },
  });
}

export async function statsRows(db: SqlExecutor, schema: string, name = 'stats'): Promise<StreamStats[]> {
  const rows = await db.query<{ stream: string; events: number; total: number; last_version: number }>(
    `SELECT stream, events, total, last_version FROM "${schema}".stats_${name.replaceAll(/[^a-z0-9_]/g, '_')} ORDER BY stream`,
  );
  return rows.map((row) => ({
    stream: row.stream,
    events: row.events,
    total: row.total,
    lastVersion: row.last_version,
  }));
}

/** The stats folded from the events themselves. */
export function expectedStats(events: readonly RecordedEvent[]): StreamStats[] {
  const byStream = new Map<string, StreamStats>();
  for (const event of events.filter((e) => e.type === 'Added')) {
    const before = byStream.get(event.streamId) ?? { stream: event.streamId, events: 0, total: 0, lastVersion: 0 };
    byStream.set(event.streamId, {
      stream: event.streamId,
      events: before.events + 1,
      total: before.total + amountOf(event),
      lastVersion: event.version,
    });
  }
  return [...byStream.values()].sort((a, b) => (a.stream < b.stream ? -1 : 1));
}

export const added = (n: number) => ({ type: 'Added', data: { n } });

/** `writers` writers at once, each appending `appends` times to a few streams, with an unhandled type mixed in. */
export async function appendWorkload(
  store: EventStore,
  writers: number,
  appends: number,
  prefix = 'w',
): Promise<number> {
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let i = 0; i < appends; i += 1) {
        const events = i % 4 === 0 ? [added(i), { type: 'Ignored', data: {} }, added(1)] : [added(i)];
        await store.append(`${prefix}${writer}-${i % 3}`, events, { expectedVersion: 'any' });
      }
    }),
  );
  const perWriter = Array.from({ length: appends }, (_, i) => (i % 4 === 0 ? 3 : 1)).reduce((a, b) => a + b, 0);
  return writers * perWriter;
}

/** Every event in the store, in readAll's order (awaiting any held back by running transactions). */
export async function allEvents(store: EventStore, count: number): Promise<RecordedEvent[]> {
  return (await readAllUntil(store, (events) => events.length >= count)).events;
}
