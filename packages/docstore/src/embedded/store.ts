import type { SqlExecutor } from '@eventflow/sql';
import { docStoreError } from '../errors.ts';
import type { BaseDocument, DocumentCollection, DocumentStore } from '../port.ts';
import { checkCollectionName, uniqueIndexes } from '../validate/options.ts';
import { embeddedCollection } from './collection.ts';
import { collectionTable, ensureTable, type CollectionTable } from './tables.ts';

export interface EmbeddedDocumentStoreOptions {
  /** Any executor of the SQL port: PGlite embedded, or PostgreSQL. The store never closes it. */
  readonly sql: SqlExecutor;
  /** The schema holding one table per collection. @default 'documents' */
  readonly schema?: string;
}

const legalSchema = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The document store on the SQL port: each collection a table `(_id text PRIMARY KEY, doc jsonb)`
 * in a schema of its own, with a GIN index for equality and SQL unique indexes for unique fields.
 */
export function openEmbeddedDocumentStore(options: EmbeddedDocumentStoreOptions): Promise<DocumentStore> {
  const { sql, schema = 'documents' } = options;
  if (!legalSchema.test(schema)) {
    const message = `illegal schema name ${JSON.stringify(schema)}`;
    return Promise.reject(docStoreError('DOCSTORE.INVALID_ARGUMENT', message, { argument: 'schema' }));
  }
  const tables = new Map<string, CollectionTable>();
  /** What was made already: `<collection>` and `<collection> <index>`; collection() skips the DDL then. */
  const ensured = new Set<string>();
  let closed = false;
  const live = () => {
    if (closed) throw docStoreError('DOCSTORE.CLOSED', 'the embedded document store is closed', { store: 'embedded' });
  };
  const store: DocumentStore = {
    kind: 'embedded',
    async collection<T extends BaseDocument>(name: string, collectionOptions = {}): Promise<DocumentCollection<T>> {
      live();
      const indexes = uniqueIndexes(collectionOptions);
      const target = tables.get(checkCollectionName(name)) ?? collectionTable(schema, name);
      const keys = [name, ...indexes.map((index) => `${name} ${index.name}`)];
      if (!keys.every((key) => ensured.has(key))) {
        await ensureTable(sql, schema, target, indexes);
        tables.set(name, target);
        for (const key of keys) ensured.add(key);
      }
      return embeddedCollection<T>(sql, target, live);
    },
    async ping() {
      live();
      await sql.query('SELECT 1');
      return `embedded documents (schema ${schema})`;
    },
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
  return Promise.resolve(store);
}
