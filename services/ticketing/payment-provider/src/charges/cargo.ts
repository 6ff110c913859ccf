import { amountOf } from '../money.ts';

export type CargoEstado = 'capturado' | 'rechazado' | 'reembolsado';

/** A charge as the simulator answers it. */
export interface Cargo {
  readonly cargo_id: string;
  readonly estado: CargoEstado;
  readonly importe: number;
  readonly moneda: string;
  readonly referencia: string;
  readonly creado_en: string;
  readonly descripcion?: string;
  readonly motivo?: string;
  readonly reembolso_id?: string;
}

export interface CargoRow {
  readonly cargo_id: string;
  readonly estado: CargoEstado;
  readonly importe_centimos: number | string;
  readonly moneda: string;
  readonly referencia: string;
  readonly descripcion: string | null;
  readonly motivo: string | null;
  readonly reembolso_id: string | null;
  readonly creado_en: Date | string;
}

export const cargoColumns =
  'cargo_id, estado, importe_centimos, moneda, referencia, descripcion, motivo, reembolso_id, creado_en';

export function cargoOf(row: CargoRow): Cargo {
  return {
    cargo_id: row.cargo_id,
    estado: row.estado,
    importe: amountOf(row.importe_centimos),
    moneda: row.moneda,
    referencia: row.referencia,
    creado_en: new Date(row.creado_en).toISOString(),
    ...(row.descripcion === null ? {} : { descripcion: row.descripcion }),
    ...(row.motivo === null ? {} : { motivo: row.motivo }),
    ...(row.reembolso_id === null ? {} : { reembolso_id: row.reembolso_id }),
  };
}
