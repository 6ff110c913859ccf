import type { Pago as PagoContract } from '@eventflow/ticketing-contracts';
import { amountOf } from '../money.ts';

/** A payment's states: 'pendiente' while the processor's answer is not known yet. */
export type Estado = 'pendiente' | PagoContract['estado'];

export const estados: readonly Estado[] = ['pendiente', 'capturado', 'rechazado', 'reembolsado', 'sin_cargo'];

/** The contract's Pago, whose estado may also be 'pendiente' (an attempt whose outcome is not known yet). */
export type Pago = Omit<PagoContract, 'estado'> & { readonly estado: Estado };

export interface PagoRow {
  readonly reserva_id: string;
  readonly pago_id: string;
  readonly usuario_seudonimo: string | null;
  readonly importe_centimos: number | string;
  readonly moneda: string;
  readonly estado: Estado;
  readonly cargo_id: string | null;
  readonly motivo: string | null;
  readonly cancelado: boolean;
  readonly intentos: number;
  readonly conciliar_hasta: Date | string | null;
  readonly correlation_id: string | null;
  readonly actualizado_en: Date | string;
}

export const pagoColumns =
  'reserva_id, pago_id, usuario_seudonimo, importe_centimos, moneda, estado, cargo_id, motivo, cancelado, intentos, ' +
  'conciliar_hasta, correlation_id, actualizado_en';

export function pagoOf(row: PagoRow): Pago {
  return {
    pago_id: row.pago_id,
    reserva_id: row.reserva_id,
    importe: amountOf(row.importe_centimos),
    moneda: row.moneda,
    estado: row.estado,
    ...(row.cargo_id === null ? {} : { cargo_id: row.cargo_id }),
    ...(row.motivo === null ? {} : { motivo: row.motivo }),
    actualizado_en: new Date(row.actualizado_en).toISOString(),
  };
}
