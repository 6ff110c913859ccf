import type { FastifyInstance } from 'fastify';
import type { PagoQueries } from '../pagos/pago-queries.ts';
import type { Estado } from '../pagos/pago.ts';
import type { PagoStore } from '../pagos/pago-store.ts';
import { readPagoRoute } from './read-pago.ts';
import { listQuery, pagoPage, problem, resumen } from './schemas.ts';

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

    readPagoRoute(app, '/api/pagos', deps.store, tags);
  };
}
