import type { Cobrar } from '@eventflow/ticketing-contracts';
import type { FastifyInstance } from 'fastify';
import { chargePayment } from '../charge/charge-payment.ts';
import { pagoOf } from '../pagos/pago.ts';
import type { Payments } from '../payments.ts';
import { refundPayment } from '../refund/refund-payment.ts';
import { readPagoRoute } from './read-pago.ts';
import { cobrarBody, pago, problem, reservaParams } from './schemas.ts';

const tags = ['payments'];

/** The service-to-service routes (the reservations saga's steps); the gateway never routes /internal. */
export function internalRoutes(payments: Payments) {
  return (app: FastifyInstance): void => {
    app.post<{ Body: Cobrar }>(
      '/internal/pagos',
      {
        schema: {
          tags,
          summary: 'Charge a reservation, once per reserva_id',
          body: cobrarBody,
          response: {
            200: { ...pago, description: 'Captured before (a repeat)' },
            201: { ...pago, description: 'Captured by this request' },
            400: problem,
            402: { ...problem, description: 'PAGO.RECHAZADO: declined (a repeat answers the same)' },
            409: { ...problem, description: 'PAGO.CONFLICTO (other amount) or PAGO.CANCELADO (refunded before)' },
            502: { ...problem, description: 'PAGO.PROVEEDOR_RESPUESTA_INESPERADA' },
            503: { ...problem, description: 'PAGO.PROVEEDOR_NO_DISPONIBLE: pending; retry later with the same body' },
          },
        },
      },
      async (request, reply) => {
        const charged = await chargePayment(payments, request.body);
        return reply.code(charged.status).send(pagoOf(charged.row));
      },
    );

    app.post<{ Params: { reserva_id: string } }>(
      '/internal/pagos/:reserva_id/reembolso',
      {
        schema: {
          tags,
          summary: 'Refund a reservation: afterwards it holds no money (reembolsado or sin_cargo)',
          params: reservaParams,
          response: {
            200: { ...pago, description: 'Refunded, or nothing was charged (sin_cargo)' },
            400: problem,
            502: { ...problem, description: 'PAGO.PROVEEDOR_RESPUESTA_INESPERADA' },
            503: { ...problem, description: 'PAGO.PROVEEDOR_NO_DISPONIBLE: retry later' },
          },
        },
      },
      async (request) => pagoOf(await refundPayment(payments, request.params.reserva_id)),
    );

    readPagoRoute(app, '/internal/pagos', payments.store, tags);
  };
}
