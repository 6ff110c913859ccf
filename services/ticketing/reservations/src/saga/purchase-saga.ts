// The purchase saga, orchestrated by this service (spec 001's central coordinator):
//   abrir-reserva → retener-asientos → cobrar-pago → confirmar-asientos (pivot) → registrar-compra
//   → publicar-resultado
// Compensations, in reverse, when a step before the pivot gives up: reembolsar, liberar asientos,
// marcar la reserva fallida.
import { defineSaga } from '@eventflow/saga';
import type { Clients } from '../clients.ts';
import type { Solicitud } from '../domain/reservation.ts';
import type { ReservationsStore } from '../store/reservations-store.ts';
import { chargePayment } from './steps/charge-payment.step.ts';
import { confirmSeats } from './steps/confirm-seats.step.ts';
import { holdSeats } from './steps/hold-seats.step.ts';
import { openReservation } from './steps/open-reservation.step.ts';
import { publishOutcome } from './steps/publish-outcome.step.ts';
import { recordPurchase } from './steps/record-purchase.step.ts';

export const purchaseSagaName = 'compra-entradas';

export function purchaseSaga(clients: Clients, store: ReservationsStore) {
  return defineSaga<Solicitud>({
    name: purchaseSagaName,
    steps: [
      openReservation(store),
      holdSeats(clients),
      chargePayment(clients),
      confirmSeats(clients),
      recordPurchase(clients),
      publishOutcome(store),
    ],
  });
}
