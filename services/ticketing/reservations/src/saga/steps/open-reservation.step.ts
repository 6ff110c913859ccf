// Step 0. The action does nothing (the reservation was requested with the saga's start); its
// compensation, the last to run when the saga gives up, records the reservation as failed with the
// code of the step that gave up, and publishes that outcome through the outbox.
import { defineStep } from '@eventflow/saga';
import type { Solicitud } from '../../domain/reservation.ts';
import type { ReservationsStore } from '../../store/reservations-store.ts';

export const openReservation = (store: ReservationsStore) =>
  defineStep<Solicitud, null>({
    name: 'abrir-reserva',
    action: () => Promise.resolve(null),
    compensate: async ({ input, failure }) => {
      await store.end(input.reserva_id, {
        type: 'MarcarFallida',
        en: new Date().toISOString(),
        codigo: failure?.code ?? 'RESERVA.FALLIDA',
        motivo: (failure?.message ?? 'the purchase gave up').slice(0, 500),
      });
    },
    compensationPolicy: { retry: { maxAttempts: 20, initialDelayMs: 100, maxDelayMs: 5_000 } },
  });
