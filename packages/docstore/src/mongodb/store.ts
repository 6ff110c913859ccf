import { MongoClient, type MongoClientOptions } from 'mongodb';
import { docStoreError } from '../errors.ts';
import type { BaseDocument, DocumentCollection, DocumentStore } from '../port.ts';
import { checkCollectionName, uniqueIndexes } from '../validate/options.ts';
import { mongoCollection } from './collection.ts';
import { isDuplicateKey } from './duplicates.ts';

export interface MongoDocumentStoreOptions {
  /** `mongodb://…`; its credentials never appear in `ping()`. */
  readonly url: string;
  /** @default the URL's database (the driver's `test` when it names none) */
  readonly database?: string;
  /** Passed to MongoClient (pool size, timeouts); `ignoreUndefined` is always on. */
  readonly clientOptions?: MongoClientOptions;
}

/**
 * The document store on MongoDB (FerretDB locally): connects, and answers once the server does.
 * `updateOne` is findOneAndUpdate (returnDocument 'after'), atomic on one document.
 */
export async function openMongoDocumentStore(options: MongoDocumentStoreOptions): Promise<DocumentStore> {
  // ignoreUndefined: an undefined property is left out, as JSON.stringify does on the embedded adapter.
  const client = new MongoClient(options.url, { ...options.clientOptions, ignoreUndefined: true });
  await client.connect();
  const db = client.db(options.database);
  const where = `${client.options.hosts.map(String).join(',')}/${db.databaseName}`;
  let closed = false;
  const live = () => {
    if (closed) throw docStoreError('DOCSTORE.CLOSED', 'the MongoDB document store is closed', { store: where });
  };
  return {
    kind: 'mongodb',
    async collection<T extends BaseDocument>(name: string, collectionOptions = {}): Promise<DocumentCollection<T>> {
      live();
      const collection = db.collection(checkCollectionName(name));
      for (const index of uniqueIndexes(collectionOptions)) {
        const key = index.fields.map((field) => [field, 1] as [string, 1]);
        await collection.createIndex(key, { unique: true, name: index.name }).catch((error: unknown) => {
          if (!isDuplicateKey(error)) throw error;
          const message = `${name}: cannot make unique index ${index.name}: documents share its value`;
          throw docStoreError(
            'DOCSTORE.DUPLICATE',
            message,
            { collection: name, index: index.name, fields: index.fields },
            error,
          );
        });
      }
      return mongoCollection<T>(collection, live);
    },
    async ping() {
      live();
      await db.command({ ping: 1 });
      return `mongodb ${where}`;
    },
    async close() {
      closed = true;
      await client.close();
    },
  };
}
