import type { EventStore } from '../store/types.ts';

/** A transaction a test keeps open until it says commit (or rollback). */
export interface HeldTransaction<T> {
  /** Resolves with `work`'s result once it has run inside the still-open transaction. */
  readonly written: Promise<T>;
  /** Lets the transaction commit, and resolves once it has. */
  commit(): Promise<void>;
  /** Makes the transaction roll back (if `work` failed, it already has), and resolves once it has. */
  rollback(): Promise<void>;
}

/**
 * Runs `work` in a transaction and holds it open: the way to make transactions commit out of order on
 * purpose, with no sleeps. On PostgreSQL the transaction holds one pool connection; on PGlite it holds
 * the whole database, so nothing else runs until it ends.
 */
export function holdTransaction<T>(store: EventStore, work: (tx: EventStore) => Promise<T>): HeldTransaction<T> {
  const written = Promise.withResolvers<T>();
  const decision = Promise.withResolvers<'commit' | 'rollback'>();
  let workError: unknown;
  const done = store.transaction(async (tx) => {
    try {
      written.resolve(await work(tx));
    } catch (error) {
      workError = error;
      written.reject(error);
      throw error;
    }
    if ((await decision.promise) === 'rollback') throw new RolledBack();
  });
  const settled = done.then(
    () => 'committed' as const,
    (error: unknown) => {
      if (error instanceof RolledBack || (error === workError && workError !== undefined))
        return 'rolled back' as const;
      throw error;
    },
  );
  // Whoever awaits these still sees their rejection; this only keeps an unawaited one from crashing.
  settled.catch(() => undefined);
  written.promise.catch(() => undefined);
  return {
    written: written.promise,
    async commit() {
      decision.resolve('commit');
      if ((await settled) !== 'committed') throw new Error('the held transaction did not commit');
    },
    async rollback() {
      decision.resolve('rollback');
      await settled;
    },
  };
}

class RolledBack extends Error {}
