import type { ReadThrough } from '@eventflow/cache';
import type { Keyring } from '@eventflow/privacy';
import type { DocumentOutbox } from '@eventflow/docstore/outbox';
import type { CachedUser } from './user.ts';
import type { UserCollection } from './user-store.ts';

/** What the use cases work with: the collection, its outbox, the cache in front of it, the clock and ids. */
export interface UsersDependencies {
  readonly users: UserCollection;
  readonly outbox: DocumentOutbox;
  readonly cache: ReadThrough<CachedUser>;
  readonly now: () => Date;
  readonly newId: () => string;
  /** Seals personal data and derives the unique indexes' blind keys. */
  readonly keys: Keyring;
}

/** Where a use case reports what did not fail the request (a deferred publish, a cache failure). */
export type Warn = (fields: object, message: string) => void;
