import type { FastifyInstance } from 'fastify';
import { paymentErrors } from '../errors.ts';
import type { PagoQueries } from '../pagos/pago-queries.ts';
import { pagoOf, type Estado } from '../pagos/pago.ts';
import type { PagoStore } from '../pagos/pago-store.ts';
import { listQuery, pago, pagoPage, problem, reservaParams, resumen } from './schemas.ts';

const tags = ['payments'];

/** What the console and people read, through the gateway. */
export function publicRoutes(deps: { readonly store: PagoStore; readonly queries: PagoQueries }) {
  return (app: FastifyInstance): void => {
    app.get(
      '/api/pagos/resumen',
      { schema: { tags, summary: 'Payments by state, and amounts per currency', response: { 200: resumen } } },
      () => deps.queries.summary(),
    );

    app.get<{ Querystring: { estado?: Estado; after?: string; limit: number } }>(
      '/api/pagos',
      {
        schema: {
          tags,
          summary: 'Payments in reserva_id order, of one state or all, a page at a time',
          querystring: listQuery,
          response: { 200: pagoPage, 400: problem },
        },
      },
      (request) => {
        const { estado, after, limit } = request.query;
        return deps.queries.list({
          limit,
          ...(estado === undefined ? {} : { estado }),
          ...(after === undefined ? {} : { after }),
        });
      },
    );

    app.get<{ Params: { reserva_id: string } }>(
      '/api/pagos/:reserva_id',
      {
        schema: {
          tags,
          summary: 'A reservation’s payment',
          params: reservaParams,
          response: { 200: pago, 400: problem, 404: { ...problem, description: 'PAGO.NO_EXISTE' } },
        },
      },
      async (request) => {
        const row = await deps.store.get(request.params.reserva_id);
        if (row === undefined) throw paymentErrors.notFound(request.params.reserva_id);
        return pagoOf(row);
      },
    );
  };
}
