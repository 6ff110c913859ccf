import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineTopic, type Bus, type Envelope, type Topic } from '@eventflow/bus';
import { openEmbeddedBus } from '@eventflow/bus/embedded';
import type { SqlExecutor } from '@eventflow/sql';
import type { Defer } from '../testing/index.ts';

export interface Counted {
  readonly n: number;
}

/** A topic of its own for one test. */
export function countedTopic(partitions = 3): Topic<Counted> {
  return defineTopic<Counted>({
    name: `outbox-${randomUUID()}`,
    partitions,
    type: 'test.counted',
    schema: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
  });
}

/** An embedded bus in a folder of its own, closed and removed after the test. */
export async function embeddedBus(defer: Defer): Promise<Bus> {
  const dir = await mkdtemp(join(tmpdir(), 'eventflow-outbox-'));
  const bus = await openEmbeddedBus({ dir });
  defer(async () => {
    await bus.close();
    await rm(dir, { recursive: true, force: true });
  });
  return bus;
}

function versionOf(message: Envelope<unknown>): number {
  return Number(message.headers.extra['streamVersion']);
}

/**
 * At least once, in order per stream: every version 1..n of each stream arrived, and no version arrived
 * before the one below it had (redeliveries of a batch may repeat what came before).
 */
export function assertInOrderPerStream(
  received: ReadonlyArray<Envelope<unknown>>,
  expected: ReadonlyMap<string, number>,
): void {
  const seen = new Map<string, number>();
  for (const message of received) {
    const stream = message.headers.extra['streamId'] ?? '';
    const version = versionOf(message);
    const highest = seen.get(stream) ?? 0;
    assert.ok(version <= highest + 1, `${stream} v${version} arrived before v${highest + 1}`);
    seen.set(stream, Math.max(highest, version));
  }
  assert.deepEqual(new Map([...seen].sort()), new Map([...expected].sort()));
}

export async function outboxRows(executor: SqlExecutor, schema: string): Promise<number> {
  const [row] = await executor.query<{ count: number }>(`SELECT count(*)::integer AS count FROM "${schema}".outbox`);
  return Number(row?.count);
}

/** Rows the relay can read now: other tests' transactions in the cluster may hold some back for a while. */
export async function readableOutboxRows(executor: SqlExecutor, schema: string): Promise<number> {
  const [row] = await executor.query<{ count: number }>(
    `SELECT count(*)::integer AS count FROM "${schema}".outbox WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())`,
  );
  return Number(row?.count);
}

/** How many times each message id arrived. */
export function deliveries(received: ReadonlyArray<Envelope<unknown>>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of received)
    counts.set(message.headers.messageId, (counts.get(message.headers.messageId) ?? 0) + 1);
  return counts;
}
