import type { PagoRow } from '../pagos/pago.ts';
import type { Payments } from '../payments.ts';

/**
 * A charge the processor made for a payment that was cancelled (refunded while its attempt was
 * uncertain): refunded at the processor, then recorded as captured and refunded, both published.
 */
export async function refundLateCharge(payments: Payments, row: PagoRow, cargoId: string): Promise<void> {
  await payments.provider.refund({ reservaId: row.reserva_id, cargoId });
  await payments.store.transition(row.reserva_id, {
    from: ['pendiente', 'sin_cargo'],
    to: 'reembolsado',
    cargoId,
    motivo: 'Cargo tardío reembolsado: la reserva ya se había anulado',
    publish: ['PagoCapturado', 'PagoReembolsado'],
  });
}

/**
 * Settles a payment whose attempt at the processor is uncertain (pending and cancelled, or refunded
 * of nothing while watched): the processor is asked for the reference's charges; a charge it made is
 * refunded, and when it made none the payment is 'sin_cargo' (and watched for a while, since an
 * attempt may still be on its way).
 */
export async function settleUncertain(payments: Payments, row: PagoRow): Promise<'refunded' | 'nothing'> {
  const charges = await payments.provider.chargesOf(row.reserva_id);
  const charged = charges.find((c) => c.estado === 'capturado' || c.estado === 'reembolsado');
  if (charged !== undefined) {
    await refundLateCharge(payments, row, charged.cargo_id);
    return 'refunded';
  }
  if (row.estado === 'pendiente') {
    await payments.store.transition(row.reserva_id, {
      from: ['pendiente'],
      to: 'sin_cargo',
      motivo: 'Reembolso pedido antes de que el cargo se completara: nada cobrado',
      reconcileUntil: new Date(payments.now().getTime() + payments.reconcileWindowMs),
      publish: [],
    });
  }
  return 'nothing';
}
