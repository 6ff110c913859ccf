// Step 3, the pivot: the held seats become sold. After it the purchase is not undone: the steps that
// follow are retried until they succeed.
import { defineStep } from '@eventflow/saga';
import type { Clients } from '../../clients.ts';
import type { Solicitud } from '../../domain/reservation.ts';
import { expectSuccess } from './answers.ts';

export const confirmSeats = (clients: Clients) =>
  defineStep<Solicitud, null>({
    name: 'confirmar-asientos',
    undoable: false,
    policy: { retry: { maxAttempts: 60, initialDelayMs: 200, maxDelayMs: 10_000 }, timeoutMs: 10_000 },
    async action({ input }) {
      expectSuccess(
        await clients.confirmar(input.evento_id, input.reserva_id),
        'RESERVA.ASIENTOS_NO_CONFIRMADOS',
        'seats not confirmed',
      );
      return null;
    },
  });
