import { HttpOperations, type OperationLog } from '@eventflow/oplog';
import type { RoutePlugin } from '@eventflow/service';
import type { Compra } from '@eventflow/ticketing-contracts';
import type { FastifyRequest } from 'fastify';
import { contactOf, pseudonymOf } from '../get-user/get-user.ts';
import { addPurchase } from '../purchases/add-purchase.ts';
import { ticketsBought } from '../purchases/tickets-bought.ts';
import type { UsersDependencies } from '../users/dependencies.ts';
import { warnOf } from './warn.ts';
import {
  compraSchema,
  contactSchema,
  problem,
  pseudonymParams,
  pseudonymSchema,
  purchasesSchema,
  rotationSchema,
  ticketsQuery,
  ticketsSchema,
  userParams,
} from './schemas.ts';

type Params = { usuario_seudonimo: string };
const tags = ['usuarios (internal)'];

/**
 * Other services' calls: /internal/…, reached through urlOf('users'), never through the gateway. They
 * name a user by pseudonym, except the one route that gives a user's pseudonym for their id.
 */
export function purchaseRoutes(deps: UsersDependencies, log: OperationLog | undefined): RoutePlugin {
  return (app) => {
    const operations = new HttpOperations(log);

    app.get<{ Params: { usuario_id: string } }>(
      '/internal/usuarios/:usuario_id/seudonimo',
      {
        schema: {
          tags,
          summary: 'The pseudonym other services know a user by (404 no such user, 410 erased)',
          params: userParams,
          response: { 200: pseudonymSchema, 400: problem, 404: problem, 410: problem },
        },
      },
      (request) => pseudonymOf(deps, request.params.usuario_id, warnOf(request)),
    );

    app.get<{ Params: Params }>(
      '/internal/seudonimos/:usuario_seudonimo/contacto',
      {
        schema: {
          tags,
          summary:
            'Name and email of the person behind a pseudonym, to send them one notification; never stored by the caller',
          params: pseudonymParams,
          response: { 200: contactSchema, 400: problem, 404: problem, 410: problem },
        },
      },
      (request) => contactOf(deps, request.params.usuario_seudonimo, warnOf(request)),
    );

    app.post<{ Params: Params; Body: Compra }>(
      '/internal/seudonimos/:usuario_seudonimo/compras',
      {
        schema: {
          tags,
          summary: "Adds a purchase to the user's history (idempotent by reserva_id: a repeat is 200 and adds nothing)",
          params: pseudonymParams,
          body: compraSchema,
          response: { 200: purchasesSchema, 201: purchasesSchema, 400: problem, 404: problem, 409: problem },
        },
        ...operations.hooks({ operation: 'registrar-compra' }),
      },
      async (request, reply) => {
        const { usuario_seudonimo } = request.params;
        const result = await addPurchase(deps, usuario_seudonimo, request.body, warnOf(request));
        logPurchase(request, usuario_seudonimo, result.added);
        return reply.code(result.added ? 201 : 200).send({ usuario_seudonimo, compras: result.compras });
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
      '/internal/seudonimos/:usuario_seudonimo/compras',
      {
        schema: {
          tags,
          summary: 'Tickets the user has bought for one event (the per-user limit of the reservation chain)',
          params: pseudonymParams,
          querystring: ticketsQuery,
          response: { 200: ticketsSchema, 400: problem, 404: problem },
        },
      },
      (request) => ticketsBought(deps, request.params.usuario_seudonimo, request.query.evento_id),
    );
  };
}

function logPurchase(request: FastifyRequest<{ Body: Compra }>, seudonimo: string, added: boolean): void {
  const { reserva_id, evento_id } = request.body;
  request.log.info(
    { usuario_seudonimo: seudonimo, reserva_id, evento_id, added },
    added ? 'purchase added' : 'purchase repeated',
  );
}
