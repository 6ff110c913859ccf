import type { EventStore } from '@eventflow/eventstore';
import { checkpointStatements } from '../checkpoints/statements.ts';
import { quotedSchema } from './compiled.ts';

/**
 * How far a projection is behind: the events recorded after its checkpoint (the head minus the
 * checkpoint, counted in events because positions have gaps). 0 when it has seen everything committed.
 */
export async function projectionLag(store: EventStore, name: string): Promise<number> {
  const [row] = await store.sql.query<{ lag: string }>(checkpointStatements(quotedSchema(store)).lag, [name]);
  return Number(row?.lag ?? 0);
}
