// Step 4: the purchase joins the user's history (users; idempotent by reserva_id).
import { defineStep } from '@eventflow/saga';
import type { Clients } from '../../clients.ts';
import type { Solicitud } from '../../domain/reservation.ts';
import { expectSuccess } from './answers.ts';

export const recordPurchase = (clients: Clients) =>
  defineStep<Solicitud, null>({
    name: 'registrar-compra',
    policy: { retry: { maxAttempts: 60, initialDelayMs: 200, maxDelayMs: 10_000 }, timeoutMs: 10_000 },
    async action({ input }) {
      const answer = await clients.registrarCompra(input.usuario_seudonimo, {
        reserva_id: input.reserva_id,
        evento_id: input.evento_id,
        cantidad: input.cantidad,
        importe: input.importe,
        fecha: input.solicitada_en,
      });
      expectSuccess(answer, 'RESERVA.COMPRA_NO_REGISTRADA', 'purchase not recorded');
      return null;
    },
  });
