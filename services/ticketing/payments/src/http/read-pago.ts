import type { FastifyInstance } from 'fastify';
import { paymentErrors } from '../errors.ts';
import { pagoOf } from '../pagos/pago.ts';
import type { PagoStore } from '../pagos/pago-store.ts';
import { pago, problem, reservaParams } from './schemas.ts';

/** GET `<path>/:reserva_id`: a reservation's payment (the public read and the saga's are the same route). */
export function readPagoRoute(app: FastifyInstance, path: string, store: PagoStore, tags: string[]): void {
  app.get<{ Params: { reserva_id: string } }>(
    `${path}/:reserva_id`,
    {
      schema: {
        tags,
        summary: 'A reservation’s payment',
        params: reservaParams,
        response: { 200: pago, 400: problem, 404: { ...problem, description: 'PAGO.NO_EXISTE' } },
      },
    },
    async (request) => {
      const row = await store.get(request.params.reserva_id);
      if (row === undefined) throw paymentErrors.notFound(request.params.reserva_id);
      return pagoOf(row);
    },
  );
}
