import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { openMongoDocumentStore } from '../mongodb/store.ts';
import { dropMongoDatabase, mongoDatabaseUrl } from './mongodb.ts';

const url = process.env['MONGODB_URL'] ?? 'mongodb://127.0.0.1:27017/eventflow';

test('mongoDatabaseUrl names another database, keeping the rest of the URL', () => {
  assert.equal(
    mongoDatabaseUrl('mongodb://user:secret@db.example:27017/eventflow?authSource=admin', 'mine_1'),
    'mongodb://user:secret@db.example:27017/mine_1?authSource=admin',
  );
  assert.equal(mongoDatabaseUrl('mongodb://127.0.0.1:27017', 'mine_2'), 'mongodb://127.0.0.1:27017/mine_2');
});

test('dropMongoDatabase drops a test database and what it holds; dropping it again is harmless', async (t) => {
  const database = `docstore_drop_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  t.after(() => dropMongoDatabase(url, database));
  const store = await openMongoDocumentStore({ url: mongoDatabaseUrl(url, database) });
  t.after(() => store.close());
  const items = await store.collection<{ _id: string; n: number }>('items');
  await items.insertOne({ _id: 'a', n: 1 });
  assert.equal(await items.count({}), 1);
  await dropMongoDatabase(url, database);
  assert.equal(await items.count({}), 0, 'the collection went with the database');
  await dropMongoDatabase(url, database);
});
