import type { TestContext } from 'node:test';
import { recordingBus, type RecordingBus } from '@eventflow/bus/testing';
import { createMemoryCache } from '@eventflow/cache/memory';
import type { Cache } from '@eventflow/cache';
import { openTestDocumentStore } from '@eventflow/docstore/testing';
import { cleanupStack } from '@eventflow/eventstore/testing';
import { OperationLog, operationLogTopic, type OperationRecord } from '@eventflow/oplog';
import type { Keyring } from '@eventflow/privacy';
import { testKeyring } from '@eventflow/privacy/testing';
import { buildService, type ServiceApp } from '@eventflow/service';
import { capturedLines, injectJson, type CapturedLines } from '@eventflow/service/testing';
import type { Seudonimo } from '@eventflow/ticketing-contracts';
import { usersService } from '../service.ts';
import { DataKeys } from '../users/data-keys.ts';
import { openUserCollection, type UserCollection } from '../users/user-store.ts';

export interface UsersApp {
  readonly app: ServiceApp;
  readonly users: UserCollection;
  readonly cache: Cache;
  readonly bus: RecordingBus;
  /** Every log line the service wrote. */
  readonly logs: CapturedLines;
  /** Every operation record it shipped. */
  readonly operations: OperationRecord[];
  /** The keyring the service seals personal data with. */
  readonly keys: Keyring;
  /** The people's data keys, as the service keeps them. */
  readonly dataKeys: DataKeys;
  /** Moves the cache's clock on (TTLs), without sleeping. */
  readonly advanceCache: (seconds: number) => void;
}

/**
 * The users service in this process on in-memory adapters the test holds (a document store on an
 * in-memory PGlite, a memory cache with a clock of the test's, a recording bus), driven by inject().
 */
export async function usersApp(
  t: TestContext,
  options: { readonly ttlSeconds?: number; readonly sweepSeconds?: number } = {},
): Promise<UsersApp> {
  const defer = cleanupStack(t);
  const documents = await openTestDocumentStore();
  defer(() => documents.close());
  // Not 0: lru-cache takes an entry stamped at time 0 for one without a start, which never expires.
  let cacheMs = 1_000_000;
  const cache = createMemoryCache({ namespace: 'users:', now: () => cacheMs });
  const bus = recordingBus();
  const operations: OperationRecord[] = [];
  const log = new OperationLog({
    service: 'users',
    topic: operationLogTopic('users'),
    bus: {
      publish: (topic, records) =>
        Promise.resolve(
          records.map((record) => {
            operations.push(record.value as OperationRecord);
            return { topic: topic.name, partition: 0, messageId: record.messageId ?? '' };
          }),
        ),
    },
    lingerMs: 0,
  });
  defer(() => log.close());
  const logs = capturedLines();
  const keys = testKeyring();
  const definition = await usersService({
    documents: documents.store,
    cache,
    bus,
    log,
    keys,
    ...(options.ttlSeconds === undefined ? {} : { cacheTtlSeconds: options.ttlSeconds }),
    ...(options.sweepSeconds === undefined ? {} : { outboxSweepSeconds: options.sweepSeconds }),
  });
  const app = buildService(definition, { logger: { stream: logs.stream, level: 'info' }, defaultMetrics: false });
  defer(() => app.close());
  await app.ready();
  return {
    app,
    users: await openUserCollection(documents.store, keys),
    cache,
    bus,
    logs,
    operations,
    keys,
    dataKeys: await DataKeys.open(documents.store, keys),
    advanceCache: (seconds) => void (cacheMs += seconds * 1000),
  };
}

/** Where the service's /internal purchase routes are for a user: by their pseudonym, as other services call them. */
export async function purchasesPath(app: ServiceApp, usuarioId: string): Promise<string> {
  const answer = await injectJson<Seudonimo>(app, { method: 'GET', url: `/internal/usuarios/${usuarioId}/seudonimo` });
  if (answer.statusCode !== 200) throw new Error(`no pseudonym for ${usuarioId}: ${answer.statusCode} ${answer.text}`);
  return `/internal/seudonimos/${answer.body.usuario_seudonimo}/compras`;
}
