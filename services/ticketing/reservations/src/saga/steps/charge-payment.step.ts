// Step 2: charge the payment (payments, which calls the provider with a key per reservation). A
// decline is final; an unavailable provider is retried, then given up. Compensation refunds — and
// when the charge's fate is unknown, payments asks the provider before deciding.
import { defineStep } from '@eventflow/saga';
import type { Clients } from '../../clients.ts';
import type { Solicitud } from '../../domain/reservation.ts';
import { expectSuccess } from './answers.ts';

export const chargePayment = (clients: Clients) =>
  defineStep<Solicitud, { pago_id: string }>({
    name: 'cobrar-pago',
    policy: { retry: { maxAttempts: 4, initialDelayMs: 250, maxDelayMs: 2_000 }, timeoutMs: 15_000 },
    async action({ input }) {
      // A free ticket has nothing to charge (payments and the provider refuse a zero amount).
      if (input.importe === 0) return { pago_id: 'sin-cargo' };
      const answer = await clients.cobrar({
        reserva_id: input.reserva_id,
        usuario_seudonimo: input.usuario_seudonimo,
        importe: input.importe,
        moneda: input.moneda,
      });
      const refusedAs = answer.status === 402 ? 'RESERVA.PAGO_RECHAZADO' : 'RESERVA.PAGO_NO_REALIZADO';
      return { pago_id: expectSuccess(answer, refusedAs, 'payment not made').pago_id };
    },
    async compensate({ input }) {
      if (input.importe === 0) return;
      expectSuccess(await clients.reembolsar(input.reserva_id), 'RESERVA.REEMBOLSO_NO_REALIZADO', 'refund not made');
    },
    compensationPolicy: { retry: { maxAttempts: 30, initialDelayMs: 500, maxDelayMs: 15_000 }, timeoutMs: 15_000 },
  });
