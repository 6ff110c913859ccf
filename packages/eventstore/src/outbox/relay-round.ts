import type { Bus, Topic } from '@eventflow/bus';
import { tryAdvisoryLock } from '../locks/advisory-lock.ts';
import type { SqlExecutor } from '@eventflow/sql';
import { quoteSchema } from '../sql/identifiers.ts';
import { outboxLockName } from './channel.ts';
import { publishRows, type OutboxRow } from './publish-rows.ts';
import type { OutboxRouter } from './router.ts';
import { outboxStatements, type OutboxStatements } from './statements.ts';

export interface RelayRoundOptions {
  /** An adapter's own executor (not one inside a transaction). */
  readonly executor: SqlExecutor;
  /** Default 'eventstore'. */
  readonly schema?: string;
  readonly bus: Bus;
  /** Its topics are the ones rows may name. */
  readonly router: Pick<OutboxRouter, 'topics'>;
  /** Rows per round. Default 100. */
  readonly batchSize?: number;
}

export interface RelayRound {
  /** Another relay of this schema held the lock: this one did nothing. */
  readonly busy: boolean;
  /** Rows published and marked. */
  readonly published: number;
  /** A full batch came: there may be more. */
  readonly full: boolean;
}

/** What a relay settles once: the SQL and the topics by name. */
export interface CompiledRelay {
  readonly statements: OutboxStatements;
  readonly lockName: string;
  readonly topics: ReadonlyMap<string, Topic<unknown>>;
  readonly batchSize: number;
}

export function compileRelay(options: RelayRoundOptions): CompiledRelay {
  const schema = options.schema ?? 'eventstore';
  const batchSize = options.batchSize ?? 100;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be an integer ≥ 1');
  return {
    statements: outboxStatements(quoteSchema(schema)),
    lockName: outboxLockName(schema),
    topics: new Map(options.router.topics.map((topic) => [topic.name, topic])),
    batchSize,
  };
}

/**
 * One round of the relay, in one transaction that holds the schema's relay lock throughout:
 * read a batch after the checkpoint (never past a transaction still running), publish it, then delete
 * the rows and move the checkpoint. If publishing or marking fails the transaction rolls back and the
 * next round publishes the same rows again: duplicates, never loss. Until marking, the transaction has
 * only read, so it holds no transaction id and does not hold back other readers.
 */
export async function runRelayRound(executor: SqlExecutor, bus: Bus, relay: CompiledRelay): Promise<RelayRound> {
  return executor.transaction(async (tx) => {
    if (!(await tryAdvisoryLock(tx, relay.lockName))) return { busy: true, published: 0, full: false };
    const [checkpoint] = await tx.query<{ transaction_id: string; position: string }>(relay.statements.checkpoint);
    if (checkpoint === undefined) throw new Error('the outbox checkpoint row is missing: run migrate');
    const rows = await tx.query<OutboxRow>(relay.statements.batch, [
      checkpoint.transaction_id,
      checkpoint.position,
      relay.batchSize,
    ]);
    const last = rows.at(-1);
    if (last === undefined) return { busy: false, published: 0, full: false };
    await publishRows(bus, relay.topics, rows);
    const positions = `{${rows.map((row) => row.position).join(',')}}`;
    await tx.query(relay.statements.mark, [last.transaction_id, last.position, positions]);
    return { busy: false, published: rows.length, full: rows.length === relay.batchSize };
  });
}

/** One relay round on its own (topics declared first): for tests, scripts and schedulers with their own loop. */
export async function relayOutboxOnce(options: RelayRoundOptions): Promise<RelayRound> {
  const relay = compileRelay(options);
  await options.bus.declare(options.router.topics);
  return runRelayRound(options.executor, options.bus, relay);
}
