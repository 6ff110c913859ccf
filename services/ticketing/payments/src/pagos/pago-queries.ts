import type { SqlExecutor } from '@eventflow/sql';
import { amountOf } from '../money.ts';
import { estados, pagoColumns, pagoOf, type Estado, type Pago, type PagoRow } from './pago.ts';

export interface PagoPage {
  readonly pagos: readonly Pago[];
  /** Pass as `after` for the next page; absent on the last. */
  readonly after?: string;
}

export interface Resumen {
  readonly total: number;
  readonly por_estado: Readonly<Record<Estado, number>>;
  /** Per currency: what is captured now, and what was refunded. */
  readonly importes: Readonly<Record<string, { readonly capturado: number; readonly reembolsado: number }>>;
}

/** Reads of the payments table (`schema` quoted). */
export class PagoQueries {
  readonly #sql: SqlExecutor;
  readonly #table: string;

  constructor(sql: SqlExecutor, schema: string) {
    this.#sql = sql;
    this.#table = `${schema}.pagos`;
  }

  /** A page in reserva_id order, after a cursor, of one state or all. */
  async list(options: { estado?: Estado; after?: string; limit: number }): Promise<PagoPage> {
    const rows = await this.#sql.query<PagoRow>(
      `SELECT ${pagoColumns} FROM ${this.#table}
       WHERE ($1::text IS NULL OR estado = $1) AND ($2::text IS NULL OR reserva_id > $2)
       ORDER BY reserva_id LIMIT $3`,
      [options.estado ?? null, options.after ?? null, options.limit + 1],
    );
    const page = rows.slice(0, options.limit);
    const last = page.at(-1);
    return { pagos: page.map(pagoOf), ...(rows.length > options.limit && last ? { after: last.reserva_id } : {}) };
  }

  async summary(): Promise<Resumen> {
    const rows = await this.#sql.query<{ estado: Estado; moneda: string; pagos: string | number; centimos: unknown }>(
      `SELECT estado, moneda, count(*) AS pagos, coalesce(sum(importe_centimos), 0) AS centimos
       FROM ${this.#table} GROUP BY estado, moneda`,
    );
    const porEstado = Object.fromEntries(estados.map((estado) => [estado, 0])) as Record<Estado, number>;
    const importes: Record<string, { capturado: number; reembolsado: number }> = {};
    for (const row of rows) {
      porEstado[row.estado] += Number(row.pagos);
      if (row.estado !== 'capturado' && row.estado !== 'reembolsado') continue;
      const totals = (importes[row.moneda] ??= { capturado: 0, reembolsado: 0 });
      totals[row.estado === 'capturado' ? 'capturado' : 'reembolsado'] += Number(row.centimos);
    }
    for (const totals of Object.values(importes)) {
      totals.capturado = amountOf(totals.capturado);
      totals.reembolsado = amountOf(totals.reembolsado);
    }
    const total = Object.values(porEstado).reduce((sum, n) => sum + n, 0);
    return { total, por_estado: porEstado, importes };
  }
}
