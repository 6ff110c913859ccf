import type { RecordedEvent } from '../events/types.ts';
import type { SqlExecutor } from '@eventflow/sql';
import { quoteSchema } from '../sql/identifiers.ts';
import { outboxChannel } from './channel.ts';
import {
  defaultRowDefaults,
  eventRow,
  messageRow,
  type OutboxMessage,
  type OutboxRowParams,
  type RowDefaults,
} from './outbox-rows.ts';
import type { OutboxRouter } from './router.ts';
import { outboxStatements } from './statements.ts';

export interface OutboxOptions {
  /** Default 'eventstore': the schema the store and the relay use. */
  readonly schema?: string;
  /** Routes appended events; without one, `onAppended` writes nothing (use `enqueue`). */
  readonly router?: OutboxRouter;
  /**
   * NOTIFY the relay at commit, so it wakes without polling. Default true. PostgreSQL serialises the
   * commits of notifying transactions; under very high append rates turn it off and let the relay poll.
   */
  readonly notify?: boolean;
  /** For `enqueue`'s defaults (message ids, occurredAt). */
  readonly defaults?: RowDefaults;
}

export interface Outbox {
  readonly schema: string;
  /** The NOTIFY channel the relay listens on. */
  readonly channel: string;
  /** EventStoreOptions.onAppended: routes each appended event into the outbox, in the append's transaction. */
  readonly onAppended: (tx: SqlExecutor, events: readonly RecordedEvent[]) => Promise<void>;
  /** Writes messages in `tx`: they are published if and only if `tx` commits. */
  enqueue(tx: SqlExecutor, messages: readonly OutboxMessage[]): Promise<void>;
}

/** Rows per INSERT, far below PostgreSQL's 65 535 bind parameters. */
const chunkSize = 500;

/** The writing side of the transactional outbox (the relay publishes what it writes). */
export function createOutbox(options: OutboxOptions = {}): Outbox {
  const schema = options.schema ?? 'eventstore';
  const statements = outboxStatements(quoteSchema(schema));
  const channel = outboxChannel(schema);
  const notify = options.notify ?? true;
  const write = async (tx: SqlExecutor, rows: readonly OutboxRowParams[]): Promise<void> => {
    for (let start = 0; start < rows.length; start += chunkSize) {
      const chunk = rows.slice(start, start + chunkSize);
      await tx.query(statements.insert(chunk.length), chunk.flat());
    }
    if (rows.length > 0 && notify) await tx.query(statements.notify, [channel]);
  };
  return {
    schema,
    channel,
    async onAppended(tx, events) {
      const router = options.router;
      if (router === undefined) return;
      const rows = events.flatMap((event) => {
        const route = router.route(event);
        return route === undefined ? [] : [eventRow(event, route)];
      });
      await write(tx, rows);
    },
    enqueue: (tx, messages) =>
      write(
        tx,
        messages.map((message) => messageRow(message, options.defaults ?? defaultRowDefaults)),
      ),
  };
}
