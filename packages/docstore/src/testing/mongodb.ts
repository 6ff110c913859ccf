import { MongoClient } from 'mongodb';

/** `url` (a `mongodb://…` URL) naming `database` instead of its own. */
export function mongoDatabaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Drops `database` on the server at `url`, and every collection in it: how a test that gave itself a
 * database of its own (a random name) leaves nothing behind. Idempotent.
 */
export async function dropMongoDatabase(url: string, database: string): Promise<void> {
  const client = await MongoClient.connect(url);
  try {
    await client.db(database).dropDatabase();
  } finally {
    await client.close();
  }
}
