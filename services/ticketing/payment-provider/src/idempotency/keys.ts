import { createHash } from 'node:crypto';
import type { SqlExecutor } from '@eventflow/sql';
import { providerErrors, type StoredProblem } from '../errors.ts';

/** An answer as kept under its idempotency key: a success body, or the problem of a decline. */
export type StoredAnswer =
  | { readonly status: 200 | 201; readonly body: Record<string, unknown> }
  | { readonly status: number; readonly problem: StoredProblem };

/** What identifies a request under a key: the operation and its significant fields. */
export function fingerprint(request: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

interface KeyRow {
  readonly huella: string;
  readonly estado_http: number;
  readonly respuesta: StoredAnswer | string;
}

/**
 * The answers given per Idempotency-Key, in `{schema}.claves`. A key is claimed with
 * INSERT … ON CONFLICT DO NOTHING inside the request's transaction: on PostgreSQL a second request
 * with the same key waits on the first one's uncommitted row, then reads its committed answer.
 */
export class IdempotencyKeys {
  readonly #table: string;

  constructor(schema: string) {
    this.#table = `${schema}.claves`;
  }

  /** The answer already given under `key` (throws CLAVE_REUTILIZADA when it was for another request). */
  async answered(tx: SqlExecutor, key: string, print: string): Promise<StoredAnswer | undefined> {
    const [row] = await tx.query<KeyRow>(`SELECT huella, estado_http, respuesta FROM ${this.#table} WHERE clave = $1`, [
      key,
    ]);
    if (row === undefined) return undefined;
    if (row.huella !== print) throw providerErrors.keyReused(key);
    return typeof row.respuesta === 'string' ? (JSON.parse(row.respuesta) as StoredAnswer) : row.respuesta;
  }

  /** Keeps `answer` under `key`; false when another request claimed the key first (read its answer then). */
  async claim(tx: SqlExecutor, key: string, print: string, answer: StoredAnswer, at: Date): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO ${this.#table} (clave, huella, estado_http, respuesta, creado_en) VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (clave) DO NOTHING RETURNING clave`,
      [key, print, answer.status, JSON.stringify(answer), at.toISOString()],
    );
    return rows.length === 1;
  }
}

/** The stored answer as the caller gets it: the body, or the stored problem thrown again. */
export function replay(answer: StoredAnswer): { status: number; body: Record<string, unknown> } {
  if ('problem' in answer) throw providerErrors.replayed(answer.status, answer.problem);
  return { status: answer.status, body: answer.body };
}
