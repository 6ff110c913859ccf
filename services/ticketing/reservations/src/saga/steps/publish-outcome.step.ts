// Step 5: the reservation is confirmed — ReservaConfirmada appended, the read model updated and the
// outcome queued for ticketing.reservas in the same transaction (the outbox publishes it).
import { defineStep } from '@eventflow/saga';
import type { Solicitud } from '../../domain/reservation.ts';
import type { ReservationsStore } from '../../store/reservations-store.ts';

export const publishOutcome = (store: ReservationsStore) =>
  defineStep<Solicitud, null>({
    name: 'publicar-resultado',
    policy: { retry: { maxAttempts: 60, initialDelayMs: 100, maxDelayMs: 5_000 } },
    async action({ input }) {
      await store.end(input.reserva_id, { type: 'Confirmar', en: new Date().toISOString() });
      return null;
    },
  });
