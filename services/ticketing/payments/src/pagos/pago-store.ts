import { currentCorrelation } from '@eventflow/correlation';
import type { Outbox } from '@eventflow/eventstore';
import type { SqlDatabase, SqlExecutor } from '@eventflow/sql';
import type { Cobrar } from '@eventflow/ticketing-contracts';
import { pagoMessage, type PagoEvento } from './pago-events.ts';
import { pagoColumns, type Estado, type PagoRow } from './pago.ts';

/** A change of state: from which states, to which, and the events it publishes (in the same transaction). */
export interface Transition {
  readonly from: readonly Estado[];
  readonly to: Estado;
  readonly publish: readonly PagoEvento[];
  readonly cargoId?: string;
  readonly motivo?: string;
  /** Only while no refund was asked for (a charge's outcome). */
  readonly unlessCancelled?: boolean;
  /** For 'sin_cargo' after an attempt at the processor: watch the reference until then. */
  readonly reconcileUntil?: Date;
}

/** The payments table (`schema` quoted) and its outbox: every change and its events in one transaction. */
export class PagoStore {
  readonly #sql: SqlDatabase;
  readonly #table: string;
  readonly #outbox: Outbox;
  readonly #now: () => Date;

  constructor(options: { sql: SqlDatabase; schema: string; outbox: Outbox; now: () => Date }) {
    this.#sql = options.sql;
    this.#table = `${options.schema}.pagos`;
    this.#outbox = options.outbox;
    this.#now = options.now;
  }

  async get(reservaId: string): Promise<PagoRow | undefined> {
    const [row] = await this.#sql.query<PagoRow>(`SELECT ${pagoColumns} FROM ${this.#table} WHERE reserva_id = $1`, [
      reservaId,
    ]);
    return row;
  }

  /** The reservation's payment: a new 'pendiente' one, or the one it already has. */
  async claim(cobrar: Cobrar, cents: number, pagoId: string): Promise<PagoRow> {
    const now = this.#now().toISOString();
    await this.#sql.query(
      `INSERT INTO ${this.#table} (reserva_id, pago_id, usuario_seudonimo, importe_centimos, moneda, estado, creado_en, actualizado_en)
       VALUES ($1, $2, $3, $4, $5, 'pendiente', $6, $6) ON CONFLICT (reserva_id) DO NOTHING`,
      [cobrar.reserva_id, pagoId, cobrar.usuario_seudonimo, cents, cobrar.moneda, now],
    );
    return (await this.get(cobrar.reserva_id)) as PagoRow;
  }

  /** A reservation refunded before any charge: nothing to refund, and no charge from now on. */
  async recordNothingCharged(reservaId: string, pagoId: string, moneda: string): Promise<void> {
    const now = this.#now().toISOString();
    await this.#sql.query(
      `INSERT INTO ${this.#table} (reserva_id, pago_id, importe_centimos, moneda, estado, motivo, cancelado, creado_en, actualizado_en)
       VALUES ($1, $2, 0, $3, 'sin_cargo', 'Reembolso pedido antes de cualquier cargo', true, $4, $4)
       ON CONFLICT (reserva_id) DO NOTHING`,
      [reservaId, pagoId, moneda, now],
    );
  }

  /** Counts an attempt at the processor, unless the payment is no longer pending or a refund was asked for. */
  async startAttempt(reservaId: string): Promise<PagoRow | undefined> {
    const [row] = await this.#sql.query<PagoRow>(
      `UPDATE ${this.#table} SET intentos = intentos + 1, correlation_id = coalesce($2, correlation_id)
       WHERE reserva_id = $1 AND estado = 'pendiente' AND NOT cancelado RETURNING ${pagoColumns}`,
      [reservaId, currentCorrelation()?.correlationId ?? null],
    );
    return row;
  }

  /** Asks for a refund of a pending payment: no attempt starts after this. */
  async cancel(reservaId: string): Promise<void> {
    await this.#sql.query(`UPDATE ${this.#table} SET cancelado = true WHERE reserva_id = $1 AND estado = 'pendiente'`, [
      reservaId,
    ]);
  }

  /** Applies `change` if the payment is in one of its `from` states; the row after it, or undefined. */
  async transition(reservaId: string, change: Transition): Promise<PagoRow | undefined> {
    const from = change.from.map((estado) => `'${estado}'`).join(', ');
    return this.#sql.transaction(async (tx) => {
      const [row] = await tx.query<PagoRow>(
        `UPDATE ${this.#table} SET estado = $2, cargo_id = coalesce($3, cargo_id), motivo = coalesce($4, motivo),
           conciliar_hasta = CASE WHEN intentos > 0 THEN $5::timestamptz END, actualizado_en = $6
         WHERE reserva_id = $1 AND estado IN (${from}) ${change.unlessCancelled === true ? 'AND NOT cancelado' : ''}
         RETURNING ${pagoColumns}`,
        [
          reservaId,
          change.to,
          change.cargoId ?? null,
          change.motivo ?? null,
          change.reconcileUntil?.toISOString() ?? null,
          this.#now().toISOString(),
        ],
      );
      if (row !== undefined) await this.#publish(tx, row, change.publish);
      return row;
    });
  }

  /** A reconciled reference needs no more watching. */
  async stopWatching(reservaId: string): Promise<void> {
    await this.#sql.query(`UPDATE ${this.#table} SET conciliar_hasta = NULL WHERE reserva_id = $1`, [reservaId]);
  }

  /** Payments whose reference the processor may still charge: refunded before an uncertain attempt settled. */
  async toReconcile(limit: number): Promise<PagoRow[]> {
    return this.#sql.query<PagoRow>(
      `SELECT ${pagoColumns} FROM ${this.#table}
       WHERE (estado = 'sin_cargo' AND conciliar_hasta IS NOT NULL) OR (estado = 'pendiente' AND cancelado)
       ORDER BY actualizado_en LIMIT $1`,
      [limit],
    );
  }

  async #publish(tx: SqlExecutor, row: PagoRow, events: readonly PagoEvento[]): Promise<void> {
    if (events.length > 0)
      await this.#outbox.enqueue(
        tx,
        events.map((type) => pagoMessage(row, type)),
      );
  }
}
