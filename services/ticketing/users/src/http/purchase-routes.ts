import { HttpOperations, type OperationLog } from '@eventflow/oplog';
import type { RoutePlugin } from '@eventflow/service';
import type { Compra } from '@eventflow/ticketing-contracts';
import type { FastifyRequest } from 'fastify';
import { addPurchase } from '../purchases/add-purchase.ts';
import { ticketsBought } from '../purchases/tickets-bought.ts';
import type { UsersDependencies } from '../users/dependencies.ts';
import {
  compraSchema,
  problem,
  purchasesSchema,
  rotationSchema,
  ticketsQuery,
  ticketsSchema,
  userParams,
} from './schemas.ts';

type Params = { usuario_id: string };
const tags = ['usuarios (internal)'];

/** The reservations saga's calls: /internal/…, reached through urlOf('users'), never through the gateway. */
export function purchaseRoutes(deps: UsersDependencies, log: OperationLog | undefined): RoutePlugin {
  return (app) => {
    const operations = new HttpOperations(log);

    app.post<{ Params: Params; Body: Compra }>(
      '/internal/usuarios/:usuario_id/compras',
      {
        schema: {
          tags,
          summary: "Adds a purchase to the user's history (idempotent by reserva_id: a repeat is 200 and adds nothing)",
          params: userParams,
          body: compraSchema,
          response: { 200: purchasesSchema, 201: purchasesSchema, 400: problem, 404: problem, 409: problem },
        },
        ...operations.hooks({ operation: 'registrar-compra' }),
      },
      async (request, reply) => {
        const { usuario_id } = request.params;
        const warn = (fields: object, message: string) => request.log.warn(fields, message);
        const result = await addPurchase(deps, usuario_id, request.body, warn);
        logPurchase(request, usuario_id, result.added);
        return reply.code(result.added ? 201 : 200).send({ usuario_id, compras: result.compras });
      },
    );

    app.post(
      '/internal/usuarios/claves/rotar',
      {
        schema: {
          tags,
          summary:
            'Rewraps every data key under the current master key (after PRIVACY_MASTER_KEY_ID changed); the data is not touched. Safe to run again',
          response: { 200: rotationSchema },
        },
      },
      async (request) => {
        const done = await deps.dataKeys.rewrapAll();
        request.log.info(done, 'data keys rewrapped');
        return { ...done, master_key: deps.keys.current.id };
      },
    );

    app.get<{ Params: Params; Querystring: { evento_id: string } }>(
      '/internal/usuarios/:usuario_id/compras',
      {
        schema: {
          tags,
          summary: 'Tickets the user has bought for one event (the per-user limit of the reservation chain)',
          params: userParams,
          querystring: ticketsQuery,
          response: { 200: ticketsSchema, 400: problem, 404: problem },
        },
      },
      (request) => ticketsBought(deps, request.params.usuario_id, request.query.evento_id),
    );
  };
}

function logPurchase(request: FastifyRequest<{ Body: Compra }>, usuarioId: string, added: boolean): void {
  const { reserva_id, evento_id } = request.body;
  request.log.info(
    { usuario_id: usuarioId, reserva_id, evento_id, added },
    added ? 'purchase added' : 'purchase repeated',
  );
}
