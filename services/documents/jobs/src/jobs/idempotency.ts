import { createHash } from 'node:crypto';
import type { SqlRunner, SqlTransaction } from '../db/database.ts';
import type { JobSchemas } from '../db/schema.ts';

/**
 * The keys an enqueue is known by, each held by one job in `<schema>_server.enqueue_key` (its
 * primary key is what makes two simultaneous enqueues one job): its correlation id (one id is one
 * document), and the client's Idempotency-Key when it gives one. Sorted, so that two transactions
 * claiming overlapping keys take them in the same order.
 */
export function enqueueKeys(correlationId: string, idempotencyKey: string | undefined): string[] {
  const keys = [`correlation:${correlationId}`];
  if (idempotencyKey !== undefined) keys.push(`idempotency:${idempotencyKey}`);
  return keys.sort();
}

/** A key as a client would recognise it, for a problem's detail. */
export function describeKey(key: string): string {
  const [kind, ...rest] = key.split(':');
  return `${kind === 'idempotency' ? 'Idempotency-Key' : 'X-Correlation-Id'} ${JSON.stringify(rest.join(':'))}`;
}

/** The sha-256 of a request's canonical JSON (members sorted at every level): the same request, however spelt, matches. */
export function fingerprint(request: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(request)))
    .digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, member]) => member !== undefined);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, member]) => [k, canonical(member)]));
}

/** A key another job holds, with the fingerprint of the request that enqueued it. */
export interface KeyHolder {
  readonly key: string;
  readonly jobId: string;
  readonly fingerprint: string;
}

/**
 * Claims every key for `jobId` in the caller's transaction. Answers undefined when all are this
 * job's (the caller creates it), else a key another job holds; then nothing is claimed and the
 * caller creates nothing. An INSERT on a key another transaction is inserting waits for it, so of two
 * simultaneous enqueues one creates the job and the other finds it.
 */
export async function claimKeys(
  tx: SqlTransaction,
  schemas: JobSchemas,
  keys: readonly string[],
  jobId: string,
  request: string,
): Promise<KeyHolder | undefined> {
  for (let round = 1; ; round += 1) {
    const claimed = await tx.query(
      `INSERT INTO ${schemas.server}.enqueue_key (key, job_id, fingerprint)
       SELECT key, $2::uuid, $3 FROM unnest($1::text[]) WITH ORDINALITY AS k (key, n) ORDER BY n
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [keys, jobId, request],
    );
    if (claimed.length === keys.length) return undefined;
    if (claimed.length > 0) await releaseKeys(tx, schemas, jobId);
    const [holder] = await tx.query<{ key: string; job_id: string; fingerprint: string }>(
      // The client's Idempotency-Key first ('idempotency:' sorts after 'correlation:'), then the correlation id.
      `SELECT key, job_id::text, fingerprint FROM ${schemas.server}.enqueue_key
       WHERE key = ANY($1::text[]) ORDER BY key DESC LIMIT 1`,
      [keys],
    );
    if (holder !== undefined) return { key: holder.key, jobId: holder.job_id, fingerprint: holder.fingerprint };
    // Its holder freed it meanwhile (its job removed for good): claim again.
    if (round === 3) throw new Error(`enqueue keys ${keys.join(', ')} neither claimed nor held`);
  }
}

/** Frees the keys of a job removed for good (a later enqueue with them makes a new job). */
export async function releaseKeys(
  db: SqlRunner,
  schemas: JobSchemas,
  jobId: string | readonly string[],
): Promise<void> {
  const ids = typeof jobId === 'string' ? [jobId] : [...jobId];
  if (ids.length === 0) return;
  await db.query(`DELETE FROM ${schemas.server}.enqueue_key WHERE job_id = ANY($1::uuid[])`, [ids]);
}
