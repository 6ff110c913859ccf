import type { EventStore } from '@eventflow/eventstore';
import { eventually } from '@eventflow/eventstore/testing';
import { projectionLag } from '../async/lag.ts';
import { runProjectionOnce } from '../async/round.ts';
import type { Projection } from '../projection.ts';

/**
 * Runs rounds of a projection until it has seen every committed event (lag 0), with a deadline. Other
 * transactions in the cluster can hold readAll back for a while, so this awaits rather than expects.
 */
export async function catchUp<Context>(
  store: EventStore,
  projection: Projection<Context>,
  options: { readonly batchSize?: number; readonly timeoutMs?: number } = {},
): Promise<void> {
  await eventually(
    async () => {
      await runProjectionOnce(
        store,
        projection,
        options.batchSize === undefined ? {} : { batchSize: options.batchSize },
      );
      return (await projectionLag(store, projection.name)) === 0;
    },
    `projection ${projection.name} to catch up`,
    options.timeoutMs,
  );
}

/** Awaits a running projection's lag reaching 0 (it does the work). */
export async function caughtUp(store: EventStore, name: string, timeoutMs?: number): Promise<void> {
  await eventually(async () => (await projectionLag(store, name)) === 0, `projection ${name} to catch up`, timeoutMs);
}
