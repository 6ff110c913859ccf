import { concurrencyContract } from './concurrency.ts';
import type { OpenStore } from './harness.ts';
import { indexContract } from './indexes.ts';
import { queryContract } from './queries.ts';
import { writeContract } from './writes.ts';

/**
 * The document-store contract: what every adapter (MongoDB, embedded on PGlite or PostgreSQL) does
 * the same way. Each test opens a store with `open`, closes it after, and makes collections of its
 * own (random names), so the suite runs against a shared server; drop what it left (the database or
 * schema) once the file is done.
 */
export function documentStoreContract(adapter: string, open: OpenStore): void {
  queryContract(adapter, open);
  indexContract(adapter, open);
  writeContract(adapter, open);
  concurrencyContract(adapter, open);
}
