import { ServiceError } from '@eventflow/service';

/** The payments service's typed errors, each with a stable code; the kit answers them as problem+json. */
export const paymentErrors = {
  declined: (reservaId: string, motivo: string) =>
    new ServiceError('PAGO.RECHAZADO', 402, 'Payment declined', `The payment of ${reservaId} was declined: ${motivo}`, {
      reserva_id: reservaId,
      motivo,
    }),
  conflict: (reservaId: string) =>
    new ServiceError(
      'PAGO.CONFLICTO',
      409,
      'Another payment for this reservation',
      `Reservation ${reservaId} already has a payment with another amount, currency or user`,
      { reserva_id: reservaId },
    ),
  cancelled: (reservaId: string) =>
    new ServiceError(
      'PAGO.CANCELADO',
      409,
      'Payment cancelled',
      `The payment of ${reservaId} was refunded or cancelled: it is never charged again`,
      { reserva_id: reservaId },
    ),
  notFound: (reservaId: string) =>
    new ServiceError('PAGO.NO_EXISTE', 404, 'No such payment', `No payment for reservation ${reservaId}`),
  invalidAmount: (importe: number) =>
    new ServiceError(
      'PAGO.IMPORTE_INVALIDO',
      400,
      'Invalid amount',
      `importe ${importe} must be greater than 0 with at most two decimals`,
    ),
  providerUnavailable: (detail: string, retryAfterSeconds: number) =>
    new ServiceError('PAGO.PROVEEDOR_NO_DISPONIBLE', 503, 'Card processor unavailable', detail, { retryAfterSeconds }),
  providerBadAnswer: (detail: string) =>
    new ServiceError('PAGO.PROVEEDOR_RESPUESTA_INESPERADA', 502, 'Unexpected answer from the card processor', detail),
};
