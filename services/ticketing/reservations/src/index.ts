export { reservations } from './descriptor.ts';
export { reservationsService, type ReservationsOptions } from './service.ts';
export { reservationChain, type ReservationRequest, type Rejection } from './chain/reservation-chain.ts';
export { purchaseSaga, purchaseSagaName } from './saga/purchase-saga.ts';
