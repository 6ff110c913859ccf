import { EventStoreError } from '../errors.ts';
import { prepareEvent, type MetadataDefaults, type PreparedEvent } from '../events/metadata.ts';
import { safeNumber } from '../events/rows.ts';
import type { AppendOptions, AppendResult, NewEvent, RecordedEvent } from '../events/types.ts';
import { sqlState, violatedConstraint, type SqlExecutor } from '../sql/executor.ts';
import { matchesExpected, validateExpectedVersion, versionConflict } from './expected-version.ts';
import type { AppendStatements } from './statements.ts';

export interface AppendContext {
  readonly statements: AppendStatements;
  readonly defaults: MetadataDefaults;
  readonly streamTypeOf: (streamId: string) => string;
  /** Runs inside the append's transaction, after the events are written (the outbox writes here). */
  readonly onAppended?: (tx: SqlExecutor, events: readonly RecordedEvent[]) => Promise<void>;
}

/** Events per INSERT statement, far below PostgreSQL's 65 535 bind parameters. */
const chunkSize = 1000;

interface AppendedRow {
  readonly global_position: string;
  readonly transaction_id: string;
  readonly version: string;
  readonly recorded_at: Date | string;
}

function recorded(streamId: string, event: PreparedEvent, row: AppendedRow): RecordedEvent {
  return {
    streamId,
    version: safeNumber(row.version, 'version'),
    globalPosition: safeNumber(row.global_position, 'global position'),
    transactionId: row.transaction_id,
    type: event.type,
    data: JSON.parse(event.data) as unknown,
    schemaVersion: event.schemaVersion,
    messageId: event.messageId,
    correlationId: event.correlationId,
    ...(event.causationId === null ? {} : { causationId: event.causationId }),
    occurredAt: event.occurredAt,
    recordedAt: row.recorded_at instanceof Date ? row.recorded_at : new Date(row.recorded_at),
    headers: JSON.parse(event.headers) as Record<string, string>,
  };
}

function rowParams(event: PreparedEvent, version: number): unknown[] {
  return [
    version,
    event.type,
    event.schemaVersion,
    event.data,
    event.headers,
    event.messageId,
    event.correlationId,
    event.causationId,
    event.occurredAt.toISOString(),
  ];
}

async function insertChunk(
  tx: SqlExecutor,
  context: AppendContext,
  streamId: string,
  chunk: readonly PreparedEvent[],
  firstVersion: number,
): Promise<RecordedEvent[]> {
  const lastVersion = firstVersion + chunk.length - 1;
  const params = [streamId, lastVersion, ...chunk.flatMap((event, index) => rowParams(event, firstVersion + index))];
  const rows = await tx.query<AppendedRow>(context.statements.insertEvents(chunk.length), params);
  return rows.map((row) => recorded(streamId, chunk[safeNumber(row.version, 'version') - firstVersion]!, row));
}

/** Locks (or creates) the stream row and returns the stream's version; refuses what must not be written. */
async function lockStream(
  tx: SqlExecutor,
  context: AppendContext,
  streamId: string,
  options: AppendOptions,
): Promise<number> {
  const streamType = options.streamType ?? context.streamTypeOf(streamId);
  const [row] = await tx.query<{ version: string; sorts_before: boolean }>(context.statements.lockStream, [
    streamId,
    streamType,
  ]);
  const actual = safeNumber(row?.version, 'version');
  if (!matchesExpected(options.expectedVersion, actual)) {
    throw versionConflict(streamId, options.expectedVersion, actual);
  }
  if (row?.sorts_before === true) {
    throw new EventStoreError(
      'EVENTSTORE.TRANSACTION_ORDER_CONFLICT',
      `stream ${streamId} was last written by a transaction newer than this one; retry in a new transaction`,
      { streamId, actual },
    );
  }
  return actual;
}

function mapConstraintViolation(error: unknown, streamId: string, options: AppendOptions): unknown {
  if (sqlState(error) !== '23505') return error;
  const constraint = violatedConstraint(error);
  if (constraint === 'events_message_id_key') {
    return new EventStoreError('EVENTSTORE.DUPLICATE_MESSAGE_ID', `an event of this append has a stored messageId`, {
      streamId,
    });
  }
  // Only a writer that bypasses the stream lock gets here; the aborted transaction cannot tell the version.
  if (constraint === 'events_stream_version_key') return versionConflict(streamId, options.expectedVersion, undefined);
  return error;
}

/** Appends inside `tx` (the caller's transaction): all events or none, at consecutive versions. */
export async function appendToStream(
  tx: SqlExecutor,
  context: AppendContext,
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
): Promise<AppendResult> {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new EventStoreError('EVENTSTORE.INVALID_ARGUMENT', 'a stream id must be a non-empty string');
  }
  validateExpectedVersion(options.expectedVersion);
  const prepared = events.map((event) => prepareEvent(event, context.defaults));
  if (prepared.length === 0) {
    return { nextExpectedVersion: await checkOnly(tx, context, streamId, options), events: [] };
  }
  try {
    const actual = await lockStream(tx, context, streamId, options);
    const appended: RecordedEvent[] = [];
    for (let start = 0; start < prepared.length; start += chunkSize) {
      const chunk = prepared.slice(start, start + chunkSize);
      appended.push(...(await insertChunk(tx, context, streamId, chunk, actual + start + 1)));
    }
    await context.onAppended?.(tx, appended);
    return { nextExpectedVersion: actual + prepared.length, events: appended };
  } catch (error) {
    throw mapConstraintViolation(error, streamId, options);
  }
}

/** An empty append writes nothing (not even the stream) but still checks the expected version. */
async function checkOnly(
  tx: SqlExecutor,
  context: AppendContext,
  streamId: string,
  options: AppendOptions,
): Promise<number> {
  const [row] = await tx.query<{ version: string }>(context.statements.currentVersion, [streamId]);
  const actual = row === undefined ? 0 : safeNumber(row.version, 'version');
  if (!matchesExpected(options.expectedVersion, actual)) {
    throw versionConflict(streamId, options.expectedVersion, actual);
  }
  return actual;
}
