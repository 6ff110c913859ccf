import { randomUUID } from 'node:crypto';
import { MongoServerError, type Collection, type Document, type Filter, type UpdateFilter } from 'mongodb';
import { docStoreError } from '../errors.ts';
import { upsertSeed } from '../evaluate/apply.ts';
import type { BaseDocument, DocumentCollection, FindOptions } from '../port.ts';
import { checkDocument } from '../validate/document.ts';
import { parseFilter } from '../validate/filter.ts';
import { checkFindOptions } from '../validate/options.ts';
import { parseUpdate } from '../validate/update.ts';
import { duplicateError, isDuplicateKey } from './duplicates.ts';

/** Two upserts racing on one key: the loser's insert clashes; it runs again and finds the winner's. */
const upsertAttempts = 3;

/** What the server says when an update cannot apply to the document it matched. */
const updateRefusals: ReadonlySet<unknown> = new Set([
  2, // BadValue: $push to a non-array
  14, // TypeMismatch: $inc of a non-number
  28, // PathNotViable: a path through a scalar
  40, // ConflictingUpdateOperators
  66, // ImmutableField
]);

/** First in `_id` order, as the embedded adapter: ties and findOne/updateOne/deleteOne agree. */
const byId = [['_id', 1]] as const;

/** A collection on the driver; the port's checks run first, so both adapters refuse the same input. */
export function mongoCollection<T extends BaseDocument>(
  collection: Collection<Document>,
  live: () => void,
): DocumentCollection<T> {
  const name = collection.collectionName;
  const filterOf = (filter: unknown) => {
    live();
    return { clauses: parseFilter(name, filter), query: filter as Filter<Document> };
  };
  const find = async (filter: unknown, options?: FindOptions) => {
    const { query } = filterOf(filter);
    const { sort, skip, limit } = checkFindOptions(options);
    const order = [...sort.map((key) => [key.path, key.direction] as [string, 1 | -1])];
    if (!sort.some((key) => key.path === '_id')) order.push([...byId[0]]);
    const cursor = collection.find(query, { sort: order, skip, ...(limit === undefined ? {} : { limit }) });
    return (await cursor.toArray()) as unknown as T[];
  };
  return {
    name,
    async insertOne(doc) {
      live();
      checkDocument(name, doc);
      await collection.insertOne({ ...doc } as Document).catch(async (error: unknown) => {
        throw isDuplicateKey(error) ? await duplicateError(collection, error, doc) : refusal(name, error, 'document');
      });
    },
    async findOne(filter) {
      const [first] = await find(filter, { limit: 1 });
      return first ?? null;
    },
    find,
    async count(filter) {
      return collection.countDocuments(filterOf(filter).query);
    },
    async updateOne(filter, update, options = {}) {
      const { clauses, query } = filterOf(filter);
      parseUpdate(name, update);
      const upsert = options.upsert ?? false;
      const named = clauses.some((clause) => clause.path === '_id' && clause.operator === '$eq');
      // Ids are strings here: an upsert whose filter names no _id gets a UUID, as on the embedded adapter.
      const changes = { ...update, ...(upsert && !named ? { $setOnInsert: { _id: randomUUID() } } : {}) };
      for (let attempt = 1; ; attempt += 1) {
        try {
          const options = { returnDocument: 'after', upsert, sort: byId } as const;
          return (await collection.findOneAndUpdate(query, changes as UpdateFilter<Document>, options)) as T | null;
        } catch (error) {
          if (!isDuplicateKey(error)) throw refusal(name, error, 'update');
          if (!upsert) throw await duplicateError(collection, error);
          // Only an upsert inserts: its document starts from the filter, which the lookup can use.
          if (attempt >= upsertAttempts) throw await duplicateError(collection, error, upsertSeed(name, clauses));
        }
      }
    },
    async deleteOne(filter) {
      return (await collection.findOneAndDelete(filterOf(filter).query, { sort: byId })) !== null;
    },
    async deleteMany(filter) {
      return (await collection.deleteMany(filterOf(filter).query)).deletedCount;
    },
  };
}

/** A server refusal as the port's code; anything else (network, timeout) as it is. */
function refusal(collection: string, error: unknown, what: 'document' | 'update'): unknown {
  if (!(error instanceof MongoServerError)) return error;
  if (what === 'update' && updateRefusals.has(error.code)) {
    return docStoreError('DOCSTORE.INVALID_UPDATE', `${collection}: ${error.message}`, { collection }, error);
  }
  if (what === 'document' && error.code === 2) {
    return docStoreError('DOCSTORE.INVALID_DOCUMENT', `${collection}: ${error.message}`, { collection }, error);
  }
  return error;
}
