import { randomUUID } from 'node:crypto';
import { appendInTransaction, appendToStream, type AppendContext } from '../append/append.ts';
import { appendStatements } from '../append/statements.ts';
import { safeNumber } from '../events/rows.ts';
import { readAll } from '../read/read-all.ts';
import { readStream } from '../read/read-stream.ts';
import { readStatements, type ReadStatements } from '../read/statements.ts';
import { versionAt, versionAtStatements, type VersionAtStatements } from '../read/version-at.ts';
import { migrate } from '../schema/migrate.ts';
import { validateSnapshotPolicy, type SnapshotPolicy } from '../snapshots/policy.ts';
import { loadSnapshot, saveSnapshot, snapshotStatements, type SnapshotStatements } from '../snapshots/snapshots.ts';
import type { SqlExecutor } from '@eventflow/sql';
import { quoteSchema } from '../sql/identifiers.ts';
import { noUpcasters, type Upcasters } from '../upcasting/upcasters.ts';
import type { EventStore, EventStoreOptions } from './types.ts';

/** Everything settled once per store: the SQL text, the defaults, the policies. */
interface Compiled {
  readonly schema: string;
  readonly upcasters: Upcasters;
  readonly append: AppendContext;
  readonly reads: ReadStatements;
  readonly versionAt: VersionAtStatements;
  readonly snapshots: SnapshotStatements;
  readonly snapshotPolicyFor: (streamId: string) => SnapshotPolicy | undefined;
}

const defaultStreamType = (streamId: string): string => streamId.split('-', 1)[0] ?? streamId;

function compile(options: EventStoreOptions): Compiled {
  const schema = options.schema ?? 'eventstore';
  const quoted = quoteSchema(schema);
  const upcasters = options.upcasters ?? noUpcasters;
  const streamTypeOf = options.streamTypeOf ?? defaultStreamType;
  const policies = new Map(
    Object.entries(options.snapshotPolicies ?? {}).map(([type, policy]) => [
      type,
      validateSnapshotPolicy(type, policy),
    ]),
  );
  return {
    schema,
    upcasters,
    append: {
      statements: appendStatements(quoted),
      defaults: {
        newId: options.newId ?? randomUUID,
        now: options.now ?? (() => new Date()),
        latestSchemaVersion: (type) => upcasters.latestVersion(type),
      },
      streamTypeOf,
      ...(options.onAppended === undefined ? {} : { onAppended: options.onAppended }),
    },
    reads: readStatements(quoted),
    versionAt: versionAtStatements(quoted),
    snapshots: snapshotStatements(quoted),
    snapshotPolicyFor: (streamId) => policies.get(streamTypeOf(streamId)),
  };
}

/**
 * How an append runs. Outside a transaction with no onAppended hook, its one statement is its own
 * transaction (one round trip). With a hook, in a transaction of its own, so the hook's writes commit
 * with the events. Inside `transaction`, in a savepoint: a refused append leaves the caller's
 * transaction usable, as it always has.
 */
function appender(compiled: Compiled, executor: SqlExecutor, inTransaction: boolean): EventStore['append'] {
  const context = compiled.append;
  if (!inTransaction && context.onAppended === undefined) {
    return (streamId, events, options) => appendToStream(executor, context, streamId, events, options);
  }
  return (streamId, events, options) =>
    executor.transaction((tx) => appendInTransaction(tx, context, streamId, events, options));
}

function bind(compiled: Compiled, executor: SqlExecutor, inTransaction = false): EventStore {
  const store: EventStore = {
    schema: compiled.schema,
    sql: executor,
    append: appender(compiled, executor, inTransaction),
    readStream: (streamId, options) =>
      readStream(executor, compiled.reads.readStream, compiled.upcasters, streamId, options),
    readAll: (options) => readAll(executor, compiled.reads.readAll, compiled.upcasters, options),
    async streamVersion(streamId) {
      const [row] = await executor.query<{ version: string }>(compiled.append.statements.currentVersion, [streamId]);
      return row === undefined ? 0 : safeNumber(row.version, 'version');
    },
    versionAt: (streamId, at) => versionAt(executor, compiled.versionAt, streamId, at),
    saveSnapshot: (streamId, snapshot) => saveSnapshot(executor, compiled.snapshots, streamId, snapshot),
    loadSnapshot: (streamId, options) => loadSnapshot(executor, compiled.snapshots, streamId, options),
    snapshotPolicyFor: compiled.snapshotPolicyFor,
    transaction: (work) => executor.transaction((tx) => work(bind(compiled, tx, true))),
    saveEvents: (streamId, events, options) => store.append(streamId, events, options),
    getEvents: (streamId) => store.readStream(streamId),
    getEventsFromVersion: (streamId, fromVersion) => store.readStream(streamId, { fromVersion }),
  };
  return store;
}

/** A store over an already migrated schema. */
export function createEventStore(options: EventStoreOptions): EventStore {
  return bind(compile(options), options.executor);
}

/** Migrates the schema (idempotent), then returns the store. */
export async function openEventStore(options: EventStoreOptions): Promise<EventStore> {
  const store = createEventStore(options);
  await migrate(options.executor, { schema: store.schema });
  return store;
}
