// Step 1: hold the seats (inventory). Sold out is final; compensation releases them (a release of
// what was never held leaves a tombstone at the inventory, so a late hold cannot land afterwards).
import { defineStep } from '@eventflow/saga';
import type { Clients } from '../../clients.ts';
import type { Solicitud } from '../../domain/reservation.ts';
import { expectSuccess } from './answers.ts';

export const holdSeats = (clients: Clients) =>
  defineStep<Solicitud, { disponibles: number }>({
    name: 'retener-asientos',
    policy: { retry: { maxAttempts: 8, initialDelayMs: 100, maxDelayMs: 3_000 }, timeoutMs: 10_000 },
    async action({ input }) {
      const answer = await clients.retener(input.evento_id, { reserva_id: input.reserva_id, cantidad: input.cantidad });
      const refusedAs = answer.code === 'INVENTARIO.AGOTADO' ? 'RESERVA.AGOTADO' : 'RESERVA.ASIENTOS_NO_RETENIDOS';
      return { disponibles: expectSuccess(answer, refusedAs, 'seats not held').disponibles };
    },
    async compensate({ input }) {
      expectSuccess(
        await clients.liberar(input.evento_id, input.reserva_id),
        'RESERVA.ASIENTOS_NO_LIBERADOS',
        'seats not released',
      );
    },
    compensationPolicy: { retry: { maxAttempts: 30, initialDelayMs: 200, maxDelayMs: 10_000 }, timeoutMs: 10_000 },
  });
