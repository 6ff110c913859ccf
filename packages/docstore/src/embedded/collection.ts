import type { SqlExecutor } from '@eventflow/sql';
import { isDocStoreError } from '../errors.ts';
import type { BaseDocument, DocumentCollection } from '../port.ts';
import { checkDocument } from '../validate/document.ts';
import { parseFilter } from '../validate/filter.ts';
import { checkFindOptions } from '../validate/options.ts';
import { parseUpdate } from '../validate/update.ts';
import { countDocs, findDocs } from './reads.ts';
import { mapWriteError, type CollectionTable } from './tables.ts';
import { deleteMatches, lockFirstMatch, updateIn } from './writes.ts';

/** Two upserts racing on one key: the loser's insert clashes; it runs again and finds the winner's. */
const upsertAttempts = 3;

/** A collection on its table; `live` throws once the store is closed. */
export function embeddedCollection<T extends BaseDocument>(
  sql: SqlExecutor,
  target: CollectionTable,
  live: () => void,
): DocumentCollection<T> {
  const { collection: name, table } = target;
  const clausesOf = (filter: unknown) => {
    live();
    return parseFilter(name, filter);
  };
  const writing = <R>(work: () => Promise<R>) =>
    work().catch((error: unknown) => {
      throw mapWriteError(target, error);
    });
  return {
    name,
    async insertOne(doc) {
      live();
      checkDocument(name, doc);
      await writing(() =>
        sql.query(`INSERT INTO ${table} (_id, doc) VALUES ($1, $2::jsonb)`, [doc._id, JSON.stringify(doc)]),
      );
    },
    async findOne(filter) {
      const [first] = await findDocs<T>(sql, table, clausesOf(filter), checkFindOptions({ limit: 1 }));
      return first ?? null;
    },
    async find(filter, options) {
      return findDocs<T>(sql, table, clausesOf(filter), checkFindOptions(options));
    },
    async count(filter) {
      return countDocs(sql, table, clausesOf(filter));
    },
    async updateOne(filter, update, options = {}) {
      const clauses = clausesOf(filter);
      const changes = parseUpdate(name, update);
      const upsert = options.upsert ?? false;
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await writing(() => sql.transaction((tx) => updateIn<T>(tx, target, clauses, changes, upsert)));
        } catch (error) {
          if (!upsert || attempt >= upsertAttempts || !isDocStoreError(error, 'DOCSTORE.DUPLICATE')) throw error;
        }
      }
    },
    async deleteOne(filter) {
      const clauses = clausesOf(filter);
      return sql.transaction(async (tx) => {
        const found = await lockFirstMatch<T>(tx, table, clauses);
        if (found !== undefined) await tx.query(`DELETE FROM ${table} WHERE _id = $1`, [found._id]);
        return found !== undefined;
      });
    },
    async deleteMany(filter) {
      const clauses = clausesOf(filter);
      return sql.transaction((tx) => deleteMatches(tx, table, clauses));
    },
  };
}
