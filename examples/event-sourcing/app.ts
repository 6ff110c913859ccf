import { combineAppendedHooks, openEventStore, type SqlDatabase } from '@eventflow/eventstore';
import { inlineProjections } from '@eventflow/projections';
import { concertUpcasters } from './concert.ts';
import { outbox } from './messaging.ts';
import { availability, createReadModelTables } from './read-models.ts';

export async function openTickets(db: SqlDatabase) {
  await createReadModelTables(db);
  return openEventStore({
    executor: db,
    schema: 'tickets',
    upcasters: concertUpcasters,
    snapshotPolicies: { concert: { every: 50 } },
    onAppended: combineAppendedHooks(outbox.onAppended, inlineProjections([availability])),
  });
}
