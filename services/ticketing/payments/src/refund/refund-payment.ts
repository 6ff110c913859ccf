import { randomUUID } from 'node:crypto';
import { ticketingCurrency } from '@eventflow/ticketing-contracts';
import type { PagoRow } from '../pagos/pago.ts';
import type { Payments } from '../payments.ts';
import { settleUncertain } from './late-charge.ts';

/** Rounds of "read the payment, take one step"; each step ends a state, so a few always suffice. */
const maxSteps = 5;

/**
 * POST /internal/pagos/{reserva_id}/reembolso: after it, the reservation holds no money — its payment
 * is 'reembolsado', 'rechazado' or 'sin_cargo'. A captured payment is refunded at the processor (key
 * `reembolso-<reserva_id>`); a declined one stays 'rechazado' (it holds nothing, and a charge after it
 * is declined again without reaching the processor: the summaries keep counting it as declined); an
 * unknown one is recorded 'sin_cargo', so no charge can follow; a pending one is cancelled, then
 * settled by asking the processor what it charged.
 */
export async function refundPayment(payments: Payments, reservaId: string): Promise<PagoRow> {
  for (let step = 0; step < maxSteps; step += 1) {
    const row = await payments.store.get(reservaId);
    if (row === undefined) {
      await payments.store.recordNothingCharged(reservaId, randomUUID(), ticketingCurrency);
      continue;
    }
    if (row.estado === 'sin_cargo' || row.estado === 'reembolsado' || row.estado === 'rechazado') return row;
    await stepOf(payments, row);
  }
  return (await payments.store.get(reservaId)) as PagoRow;
}

async function stepOf(payments: Payments, row: PagoRow): Promise<void> {
  switch (row.estado) {
    case 'capturado':
      await payments.provider.refund({ reservaId: row.reserva_id, cargoId: row.cargo_id ?? '' });
      await payments.store.transition(row.reserva_id, {
        from: ['capturado'],
        to: 'reembolsado',
        publish: ['PagoReembolsado'],
      });
      return;
    case 'pendiente':
      await payments.store.cancel(row.reserva_id);
      // An attempt of this process settles first; another process's is what the processor tells.
      await payments.flights.settled(row.reserva_id);
      {
        const now = (await payments.store.get(row.reserva_id)) as PagoRow;
        if (now.estado === 'pendiente') await settleUncertain(payments, now);
      }
      return;
    default:
      return;
  }
}
