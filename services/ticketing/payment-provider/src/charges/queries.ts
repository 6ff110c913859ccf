import type { SqlExecutor } from '@eventflow/sql';
import { providerErrors } from '../errors.ts';
import { amountOf } from '../money.ts';
import { cargoColumns, cargoOf, type Cargo, type CargoRow } from './cargo.ts';

/** The simulator's totals, for tests and the console. */
export interface Resumen {
  readonly cargos_capturados: number;
  readonly rechazos: number;
  readonly reembolsos: number;
  readonly importe_capturado: number;
  readonly importe_reembolsado: number;
}

/** Reads of the simulator's store (`schema` quoted). */
export class ChargeQueries {
  readonly #sql: SqlExecutor;
  readonly #schema: string;

  constructor(sql: SqlExecutor, schema: string) {
    this.#sql = sql;
    this.#schema = schema;
  }

  async byId(cargoId: string): Promise<Cargo> {
    const [row] = await this.#sql.query<CargoRow>(
      `SELECT ${cargoColumns} FROM ${this.#schema}.cargos WHERE cargo_id = $1`,
      [cargoId],
    );
    if (row === undefined) throw providerErrors.chargeNotFound(cargoId);
    return cargoOf(row);
  }

  async byReference(referencia: string): Promise<Cargo[]> {
    const rows = await this.#sql.query<CargoRow>(
      `SELECT ${cargoColumns} FROM ${this.#schema}.cargos WHERE referencia = $1 ORDER BY creado_en, cargo_id`,
      [referencia],
    );
    return rows.map(cargoOf);
  }

  /** Captured charges count whether or not they were refunded later. */
  async summary(): Promise<Resumen> {
    const [row] = await this.#sql.query<Record<string, string | number | null>>(
      `SELECT
         count(*) FILTER (WHERE estado <> 'rechazado') AS capturados,
         count(*) FILTER (WHERE estado = 'rechazado') AS rechazos,
         count(*) FILTER (WHERE estado = 'reembolsado') AS reembolsos,
         coalesce(sum(importe_centimos) FILTER (WHERE estado <> 'rechazado'), 0) AS capturado,
         coalesce(sum(importe_centimos) FILTER (WHERE estado = 'reembolsado'), 0) AS reembolsado
       FROM ${this.#schema}.cargos`,
    );
    return {
      cargos_capturados: Number(row?.['capturados'] ?? 0),
      rechazos: Number(row?.['rechazos'] ?? 0),
      reembolsos: Number(row?.['reembolsos'] ?? 0),
      importe_capturado: amountOf(row?.['capturado'] ?? 0),
      importe_reembolsado: amountOf(row?.['reembolsado'] ?? 0),
    };
  }
}
