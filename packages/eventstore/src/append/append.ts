import { EventStoreError } from '../errors.ts';
import { prepareEvent, type MetadataDefaults, type PreparedEvent } from '../events/metadata.ts';
import { safeNumber } from '../events/rows.ts';
import type { AppendOptions, AppendResult, ExpectedVersion, NewEvent, RecordedEvent } from '../events/types.ts';
import { errorDetail, sqlState, violatedConstraint, type SqlExecutor } from '@eventflow/sql';
import { matchesExpected, validateExpectedVersion, versionConflict } from './expected-version.ts';
import type { AppendStatements } from './statements.ts';

export interface AppendContext {
  readonly statements: AppendStatements;
  readonly defaults: MetadataDefaults;
  readonly streamTypeOf: (streamId: string) => string;
  /** Runs inside the append's transaction, after the events are written (the outbox writes here). */
  readonly onAppended?: (tx: SqlExecutor, events: readonly RecordedEvent[]) => Promise<void>;
}

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

/** The append function's parameters: the stream, the expected version (NULL: any), one array per column. */
function appendParams(
  streamId: string,
  streamType: string,
  expected: ExpectedVersion,
  events: readonly PreparedEvent[],
) {
  return [
    streamId,
    streamType,
    expected === 'any' ? null : expected === 'no-stream' ? 0 : expected,
    events.map((event) => event.type),
    events.map((event) => event.schemaVersion),
    events.map((event) => event.data),
    events.map((event) => event.headers),
    events.map((event) => event.messageId),
    events.map((event) => event.correlationId),
    events.map((event) => event.causationId),
    events.map((event) => event.occurredAt.toISOString()),
  ];
}

/** The stream's version the append function refused at (its DETAIL). */
function refusedAt(error: unknown): number | undefined {
  const detail = errorDetail(error);
  return detail === undefined ? undefined : safeNumber(detail, 'version');
}

function mapRefusal(error: unknown, streamId: string, options: AppendOptions): unknown {
  const state = sqlState(error);
  if (state === 'EV001') return versionConflict(streamId, options.expectedVersion, refusedAt(error));
  if (state === 'EV002') {
    const actual = refusedAt(error);
    return new EventStoreError(
      'EVENTSTORE.TRANSACTION_ORDER_CONFLICT',
      `stream ${streamId} was last written by a transaction newer than this one; retry in a new transaction`,
      { streamId, actual },
    );
  }
  return mapConstraintViolation(error, streamId, options);
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

/**
 * Appends all events or none, at consecutive versions, in one statement: run it in the caller's
 * transaction (or savepoint), or on its own when nothing else must commit with it, where that one
 * statement is the transaction.
 */
export async function appendToStream(
  sql: SqlExecutor,
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
    return { nextExpectedVersion: await checkOnly(sql, context, streamId, options), events: [] };
  }
  const streamType = options.streamType ?? context.streamTypeOf(streamId);
  let rows: AppendedRow[];
  try {
    rows = await sql.query<AppendedRow>(
      context.statements.append,
      appendParams(streamId, streamType, options.expectedVersion, prepared),
      { name: context.statements.appendName },
    );
  } catch (error) {
    throw mapRefusal(error, streamId, options);
  }
  const firstVersion = safeNumber(rows[0]?.version, 'version');
  const appended = rows.map((row) =>
    recorded(streamId, prepared[safeNumber(row.version, 'version') - firstVersion]!, row),
  );
  return { nextExpectedVersion: firstVersion - 1 + prepared.length, events: appended };
}

/** Appends inside `tx` (the caller's or the store's transaction), then runs the onAppended hook there. */
export async function appendInTransaction(
  tx: SqlExecutor,
  context: AppendContext,
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
): Promise<AppendResult> {
  const result = await appendToStream(tx, context, streamId, events, options);
  if (result.events.length === 0 || context.onAppended === undefined) return result;
  try {
    await context.onAppended(tx, result.events);
  } catch (error) {
    throw mapConstraintViolation(error, streamId, options);
  }
  return result;
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
