import { randomUUID } from 'node:crypto';
import type { Bus } from '@eventflow/bus';
import { readThrough, type Cache } from '@eventflow/cache';
import type { DocumentStore } from '@eventflow/docstore';
import { DocumentOutbox, outboxSweeper } from '@eventflow/docstore/outbox';
import type { OperationLog } from '@eventflow/oplog';
import type { Keyring } from '@eventflow/privacy';
import type { ServiceDefinition } from '@eventflow/service';
import { usuariosTopic } from '@eventflow/ticketing-contracts';
import { exportRoutes } from './export/export-route.ts';
import { purchaseRoutes } from './http/purchase-routes.ts';
import { userRoutes } from './http/user-routes.ts';
import type { UsersDependencies } from './users/dependencies.ts';
import type { CachedUser } from './users/user.ts';
import { DataKeys } from './users/data-keys.ts';
import { openUserCollection } from './users/user-store.ts';

export interface UsersServiceOptions {
  readonly documents: DocumentStore;
  readonly cache: Cache;
  readonly bus: Bus;
  readonly keys: Keyring;
  readonly log?: OperationLog;
  /** How long a user stays cached (the staleness backstop). @default 30 */
  readonly cacheTtlSeconds?: number;
  /** How often the outbox sweeper sends what requests could not. @default 30 */
  readonly outboxSweepSeconds?: number;
  readonly now?: () => Date;
  /** The k of the anonymised export (every row shared by at least k users). @default 5 */
  readonly exportK?: number;
}

/** The users service: profiles with their purchase history, on the document store behind a read-through cache. */
export async function usersService(options: UsersServiceOptions): Promise<ServiceDefinition> {
  await options.bus.declare([usuariosTopic]);
  const users = await openUserCollection(options.documents, options.keys);
  const outbox = new DocumentOutbox({ collection: users, bus: options.bus, topics: [usuariosTopic] });
  const deps: UsersDependencies = {
    users,
    outbox,
    cache: readThrough<CachedUser>({
      cache: options.cache,
      prefix: 'usuario:',
      ttlSeconds: options.cacheTtlSeconds ?? 30,
    }),
    now: options.now ?? (() => new Date()),
    newId: randomUUID,
    keys: options.keys,
    dataKeys: await DataKeys.open(options.documents, options.keys),
  };
  return {
    name: 'users',
    version: '0.1.0',
    description: 'Users: profiles and their purchase history; no personal data leaves it on the bus or in logs',
    routes: [
      userRoutes(deps, options.log),
      purchaseRoutes(deps, options.log),
      exportRoutes(users, { k: options.exportK ?? 5 }),
    ],
    workers: [outboxSweeper(outbox, { intervalSeconds: options.outboxSweepSeconds ?? 30, now: deps.now })],
  };
}
