import { describe } from 'node:test';
import { aggregateTests } from './contract/aggregates.ts';
import { concurrencyTests } from './contract/concurrency.ts';
import { metadataTests } from './contract/metadata.ts';
import { migrationTests } from './contract/migrations.ts';
import { readAllTests } from './contract/read-all.ts';
import { streamTests } from './contract/streams.ts';
import type { MakeStore } from './contract/support.ts';
import { transactionTests } from './contract/transactions.ts';

/**
 * The event store contract: every adapter passes the same tests. `makeStore` gives each test a
 * migrated schema of its own and drops it on close.
 */
export function eventStoreContract(name: string, makeStore: MakeStore): void {
  describe(`event store contract: ${name}`, () => {
    streamTests(makeStore);
    transactionTests(makeStore);
    concurrencyTests(makeStore);
    readAllTests(makeStore);
    metadataTests(makeStore);
    aggregateTests(makeStore);
    migrationTests(makeStore);
  });
}
