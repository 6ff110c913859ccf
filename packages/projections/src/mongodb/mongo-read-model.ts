import { MongoServerError, type Collection, type Document, type UpdateFilter } from 'mongodb';
import { markCounter } from '../event-mark.ts';
import type { ReadModel } from '../projection.ts';

/** The field each document keeps the mark of the last write it took in. */
export const markField = '_eventMark';

/** What a MongoDB handler writes through, for one event. */
export interface MongoContext {
  /** For reads, and for writes you make idempotent yourself. */
  readonly collection: Collection<Document>;
  /**
   * Applies `update` to document `id` (creating it if missing) unless the document already took this
   * write: idempotent, so a batch applied again after a crash changes nothing twice. Resolves false when
   * skipped. Use update operators ($set, $inc, $push, …); `_eventMark` is set beside them.
   */
  readonly update: (id: string, update: UpdateFilter<Document>) => Promise<boolean>;
  /** Deletes document `id` unless it took a later write. */
  readonly remove: (id: string) => Promise<boolean>;
}

function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

/** Documents that have not taken this write yet: no mark, or an older one. */
function notYet(id: string, mark: string): Document {
  return { _id: id, $or: [{ [markField]: { $exists: false } }, { [markField]: { $lt: mark } }] };
}

async function guardedUpdate(
  collection: Collection<Document>,
  id: string,
  mark: string,
  update: UpdateFilter<Document>,
): Promise<boolean> {
  const $set = { ...(update.$set as Document | undefined), [markField]: mark };
  try {
    const result = await collection.updateOne(notYet(id, mark), { ...update, $set }, { upsert: true });
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    // The document exists with this write's mark or a later one: the upsert's insert collides. Skip.
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/**
 * A read model in a MongoDB collection (distributed mode). Writes happen as handlers run and the
 * checkpoint is saved after them, so a crash in between applies the batch again: each write carries the
 * event's mark (see eventMark) and is skipped by a document that already took it. Convergent, not
 * exactly once: during a re-application a document may show an older state for a moment.
 */
export function mongoReadModel(collection: Collection<Document>): ReadModel<MongoContext> {
  return {
    kind: 'mongodb',
    context(_tx, event) {
      const nextMark = markCounter(event);
      return {
        collection,
        update: (id, update) => guardedUpdate(collection, id, nextMark(), update),
        async remove(id) {
          const result = await collection.deleteOne(notYet(id, nextMark()));
          return result.deletedCount > 0;
        },
      };
    },
    async clear() {
      await collection.deleteMany({});
    },
  };
}
