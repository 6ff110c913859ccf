import { randomUUID } from 'node:crypto';
import type { SqlDatabase, SqlExecutor } from '@eventflow/sql';
import { providerErrors, storedProblem } from '../errors.ts';
import { fingerprint, replay, type IdempotencyKeys, type StoredAnswer } from '../idempotency/keys.ts';
import { centsOf } from '../money.ts';
import type { Behaviour } from '../simulator/behaviour.ts';
import { cargoOf, type Cargo, type CargoRow } from './cargo.ts';

export interface ChargeRequest {
  readonly key: string;
  readonly importe: number;
  readonly moneda: string;
  readonly referencia: string;
  readonly descripcion?: string;
}

export interface ChargeDeps {
  readonly sql: SqlDatabase;
  /** The quoted schema. */
  readonly schema: string;
  readonly keys: IdempotencyKeys;
  readonly behaviour: Behaviour;
  readonly now: () => Date;
}

/**
 * A charge, once per Idempotency-Key: the key's stored answer when it was used before (the same 201,
 * or the same 402 for a decline), else a new charge — captured, or declined as the simulator decides —
 * kept with its answer in one transaction.
 */
export async function charge(deps: ChargeDeps, request: ChargeRequest): Promise<{ status: number; body: Cargo }> {
  const cents = centsOf(request.importe);
  if (cents === undefined || cents <= 0) throw providerErrors.invalidAmount(request.importe);
  const print = fingerprint({
    operacion: 'cargo',
    importe_centimos: cents,
    moneda: request.moneda,
    referencia: request.referencia,
    descripcion: request.descripcion ?? null,
  });
  const answer = await deps.sql.transaction(async (tx) => {
    const given = await deps.keys.answered(tx, request.key, print);
    if (given !== undefined) return given;
    const row = newCharge(deps, request, cents);
    const fresh = answerOf(row);
    if (!(await deps.keys.claim(tx, request.key, print, fresh, deps.now()))) {
      // Another request with this key committed first: its answer is the answer.
      return (await deps.keys.answered(tx, request.key, print)) as StoredAnswer;
    }
    await insertCharge(tx, deps.schema, row);
    return fresh;
  });
  const { status, body } = replay(answer);
  return { status, body: body as unknown as Cargo };
}

function newCharge(deps: ChargeDeps, request: ChargeRequest, cents: number): CargoRow {
  const declined = deps.behaviour.declines(request.referencia);
  return {
    cargo_id: `cargo_${randomUUID()}`,
    estado: declined ? 'rechazado' : 'capturado',
    importe_centimos: cents,
    moneda: request.moneda,
    referencia: request.referencia,
    descripcion: request.descripcion ?? null,
    motivo: declined ? 'Tarjeta rechazada por el emisor (simulado)' : null,
    reembolso_id: null,
    creado_en: deps.now(),
  };
}

function answerOf(row: CargoRow): StoredAnswer {
  if (row.estado === 'capturado') return { status: 201, body: { ...cargoOf(row) } };
  const declined = providerErrors.declined(`Charge ${row.cargo_id} declined: ${row.motivo ?? ''}`, row.cargo_id);
  return { status: declined.status, problem: storedProblem(declined) };
}

async function insertCharge(tx: SqlExecutor, schema: string, row: CargoRow): Promise<void> {
  await tx.query(
    `INSERT INTO ${schema}.cargos (cargo_id, estado, importe_centimos, moneda, referencia, descripcion, motivo, creado_en)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      row.cargo_id,
      row.estado,
      row.importe_centimos,
      row.moneda,
      row.referencia,
      row.descripcion,
      row.motivo,
      new Date(row.creado_en).toISOString(),
    ],
  );
}
