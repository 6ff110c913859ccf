import type { ServiceError } from '@eventflow/service';
import { paymentErrors } from '../errors.ts';
import type { PagoRow } from '../pagos/pago.ts';

/** A charge request, its amount in cents. */
export interface ChargeRequest {
  readonly reserva_id: string;
  readonly usuario_seudonimo: string;
  readonly cents: number;
  readonly moneda: string;
}

export type ChargeStep =
  | { readonly kind: 'answer'; readonly row: PagoRow }
  | { readonly kind: 'refuse'; readonly error: ServiceError }
  | { readonly kind: 'attempt' };

/**
 * What a charge request comes to, given the reservation's payment: a payment refunded or cancelled is
 * never charged (409 PAGO.CANCELADO); another amount, currency or user is a conflict; a captured one is
 * answered again, a declined one declined again; only a pending one goes to the processor.
 */
export function decideCharge(row: PagoRow, request: ChargeRequest): ChargeStep {
  if (row.estado === 'reembolsado' || row.estado === 'sin_cargo' || row.cancelado) {
    return { kind: 'refuse', error: paymentErrors.cancelled(row.reserva_id) };
  }
  const same =
    Number(row.importe_centimos) === request.cents &&
    row.moneda === request.moneda &&
    row.usuario_seudonimo === request.usuario_seudonimo;
  if (!same) return { kind: 'refuse', error: paymentErrors.conflict(row.reserva_id) };
  if (row.estado === 'capturado') return { kind: 'answer', row };
  if (row.estado === 'rechazado') {
    return { kind: 'refuse', error: paymentErrors.declined(row.reserva_id, row.motivo ?? 'declined') };
  }
  return { kind: 'attempt' };
}
