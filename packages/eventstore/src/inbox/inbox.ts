import type { Envelope } from '@eventflow/bus';
import type { SqlExecutor } from '@eventflow/sql';
import { quoteSchema } from '../sql/identifiers.ts';

export interface InboxOptions {
  /** Default 'eventstore'. */
  readonly schema?: string;
}

export type HandledOnce<T> = { readonly handled: true; readonly result: T } | { readonly handled: false };

function recordStatement(schema: string): string {
  return `INSERT INTO ${quoteSchema(schema)}.inbox (consumer, message_id) VALUES ($1, $2)
    ON CONFLICT (consumer, message_id) DO NOTHING RETURNING message_id`;
}

/**
 * Runs `handle` at most once per (consumer, messageId): the message id is recorded in the transaction
 * of the handler's writes, so they commit together or not at all. A redelivered message finds its id
 * and is skipped ({ handled: false }); one delivered twice at once waits on the first's row lock and is
 * skipped once that commits (or handled, if that rolled back). Only writes through `tx` are covered:
 * a side effect elsewhere (an HTTP call, another database) may still happen twice.
 */
export async function handleOnce<T>(
  executor: SqlExecutor,
  consumer: string,
  messageId: string,
  handle: (tx: SqlExecutor) => Promise<T>,
  options: InboxOptions = {},
): Promise<HandledOnce<T>> {
  const record = recordStatement(options.schema ?? 'eventstore');
  return executor.transaction(async (tx) => {
    const recorded = await tx.query(record, [consumer, messageId]);
    if (recorded.length === 0) return { handled: false };
    return { handled: true, result: await handle(tx) };
  });
}

/** A bus handler that drops what this consumer already handled, by the message's messageId header. */
export function inboxHandler<T>(
  executor: SqlExecutor,
  consumer: string,
  handle: (message: Envelope<T>, tx: SqlExecutor) => Promise<void>,
  options: InboxOptions = {},
): (message: Envelope<T>) => Promise<void> {
  return async (message) => {
    await handleOnce(executor, consumer, message.headers.messageId, (tx) => handle(message, tx), options);
  };
}

/** Forgets message ids handled before `olderThan` (keep them longer than any redelivery can take). */
export async function pruneInbox(executor: SqlExecutor, olderThan: Date, options: InboxOptions = {}): Promise<number> {
  const [row] = await executor.query<{ pruned: number }>(
    `WITH pruned AS (
       DELETE FROM ${quoteSchema(options.schema ?? 'eventstore')}.inbox WHERE processed_at < $1::timestamptz RETURNING 1
     ) SELECT count(*)::integer AS pruned FROM pruned`,
    [olderThan.toISOString()],
  );
  return Number(row?.pruned ?? 0);
}
