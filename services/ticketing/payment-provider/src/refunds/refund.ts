import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '@eventflow/sql';
import { cargoColumns, type CargoRow } from '../charges/cargo.ts';
import { providerErrors } from '../errors.ts';
import { fingerprint, replay, type IdempotencyKeys, type StoredAnswer } from '../idempotency/keys.ts';
import { amountOf } from '../money.ts';

/** A refund as the simulator answers it. */
export interface Reembolso {
  readonly reembolso_id: string;
  readonly cargo_id: string;
  readonly importe: number;
  readonly creado_en: string;
}

export interface RefundDeps {
  readonly sql: SqlDatabase;
  /** The quoted schema. */
  readonly schema: string;
  readonly keys: IdempotencyKeys;
  readonly now: () => Date;
}

/**
 * Refunds a captured charge in full, once: the charge's row is locked first, so refunds of one
 * charge are serialised; then the key's stored answer wins (a repeat is the same 201); a charge
 * already refunded under another key is a 409, a declined one too, an unknown one a 404.
 */
export async function refund(
  deps: RefundDeps,
  request: { readonly key: string; readonly cargoId: string },
): Promise<{ status: number; body: Reembolso }> {
  const print = fingerprint({ operacion: 'reembolso', cargo_id: request.cargoId });
  const answer = await deps.sql.transaction(async (tx): Promise<StoredAnswer> => {
    const [cargo] = await tx.query<CargoRow>(
      `SELECT ${cargoColumns} FROM ${deps.schema}.cargos WHERE cargo_id = $1 FOR UPDATE`,
      [request.cargoId],
    );
    if (cargo === undefined) throw providerErrors.chargeNotFound(request.cargoId);
    const given = await deps.keys.answered(tx, request.key, print);
    if (given !== undefined) return given;
    if (cargo.estado === 'rechazado') throw providerErrors.notRefundable(cargo.cargo_id);
    if (cargo.reembolso_id !== null) throw providerErrors.alreadyRefunded(cargo.cargo_id, cargo.reembolso_id);
    const body: Reembolso = {
      reembolso_id: `reembolso_${randomUUID()}`,
      cargo_id: cargo.cargo_id,
      importe: amountOf(cargo.importe_centimos),
      creado_en: deps.now().toISOString(),
    };
    const fresh: StoredAnswer = { status: 201, body: { ...body } };
    if (!(await deps.keys.claim(tx, request.key, print, fresh, deps.now()))) {
      return (await deps.keys.answered(tx, request.key, print)) as StoredAnswer;
    }
    await tx.query(
      `INSERT INTO ${deps.schema}.reembolsos (reembolso_id, cargo_id, importe_centimos, creado_en) VALUES ($1, $2, $3, $4)`,
      [body.reembolso_id, cargo.cargo_id, cargo.importe_centimos, body.creado_en],
    );
    await tx.query(`UPDATE ${deps.schema}.cargos SET estado = 'reembolsado', reembolso_id = $2 WHERE cargo_id = $1`, [
      cargo.cargo_id,
      body.reembolso_id,
    ]);
    return fresh;
  });
  const { status, body } = replay(answer);
  return { status, body: body as unknown as Reembolso };
}
