import { randomUUID } from 'node:crypto';
import type { Cobrar } from '@eventflow/ticketing-contracts';
import { paymentErrors } from '../errors.ts';
import { centsOf } from '../money.ts';
import type { PagoRow } from '../pagos/pago.ts';
import type { ChargeResult, Payments } from '../payments.ts';
import { refundLateCharge } from '../refund/late-charge.ts';
import { decideCharge, type ChargeRequest } from './decide-charge.ts';

/**
 * POST /internal/pagos: charges a reservation once. The payment is recorded 'pendiente' first, then
 * the processor is called (key `pago-<reserva_id>`, so a retry never charges twice) and its answer
 * recorded with its event: 201 captured by this request, 200 captured before; 402 declined (again);
 * 503 while the processor is unavailable (the payment stays 'pendiente'; calling again is safe).
 */
export async function chargePayment(payments: Payments, cobrar: Cobrar): Promise<{ status: 200 | 201; row: PagoRow }> {
  const cents = centsOf(cobrar.importe);
  if (cents === undefined || cents <= 0) throw paymentErrors.invalidAmount(cobrar.importe);
  const request: ChargeRequest = { ...cobrar, cents };
  const row = await payments.store.claim(cobrar, cents, randomUUID());
  const step = decideCharge(row, request);
  if (step.kind === 'refuse') throw step.error;
  if (step.kind === 'answer') return { status: 200, row: step.row };
  const flight = payments.flights.run(cobrar.reserva_id, () => attempt(payments, request));
  const result = await flight.outcome;
  return { status: flight.leader && result.captured ? 201 : 200, row: result.row };
}

/** One attempt at the processor, unless the payment stopped being pending meanwhile. */
async function attempt(payments: Payments, request: ChargeRequest): Promise<ChargeResult> {
  const started = await payments.store.startAttempt(request.reserva_id);
  if (started === undefined) return settledElsewhere(payments, request);
  const outcome = await payments.provider.charge({
    reservaId: started.reserva_id,
    importe: Number(started.importe_centimos) / 100,
    moneda: started.moneda,
  });
  if (outcome.kind === 'rechazado') {
    const declined = await payments.store.transition(request.reserva_id, {
      from: ['pendiente'],
      to: 'rechazado',
      motivo: outcome.motivo,
      publish: ['PagoRechazado'],
    });
    if (declined !== undefined) throw paymentErrors.declined(declined.reserva_id, outcome.motivo);
    return settledElsewhere(payments, request);
  }
  const captured = await payments.store.transition(request.reserva_id, {
    from: ['pendiente'],
    to: 'capturado',
    cargoId: outcome.cargoId,
    unlessCancelled: true,
    publish: ['PagoCapturado'],
  });
  if (captured !== undefined) return { row: captured, captured: true };
  const now = (await payments.store.get(request.reserva_id)) as PagoRow;
  if (now.estado === 'capturado') return { row: now, captured: false };
  // A refund was asked for while the processor charged: the charge is refunded at once.
  await refundLateCharge(payments, now, outcome.cargoId);
  throw paymentErrors.cancelled(request.reserva_id);
}

/** Another request (or process) settled the payment: answer what it came to. */
async function settledElsewhere(payments: Payments, request: ChargeRequest): Promise<ChargeResult> {
  const row = (await payments.store.get(request.reserva_id)) as PagoRow;
  const step = decideCharge(row, request);
  if (step.kind === 'refuse') throw step.error;
  if (step.kind === 'answer') return { row: step.row, captured: false };
  throw paymentErrors.providerUnavailable('The payment is still pending at the card processor', 1);
}
