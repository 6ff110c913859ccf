import type { FastifyInstance } from 'fastify';
import { charge, type ChargeDeps } from '../charges/charge.ts';
import type { ChargeQueries } from '../charges/queries.ts';
import { refund } from '../refunds/refund.ts';
import type { Behaviour } from '../simulator/behaviour.ts';
import { arrive } from './simulated-latency.ts';
import {
  cargo,
  cargoList,
  cargoParams,
  chargeBody,
  idempotencyHeaders,
  problem,
  reembolso,
  referenceQuery,
} from './schemas.ts';

export interface ChargeRouteDeps extends ChargeDeps {
  readonly behaviour: Behaviour;
  readonly queries: ChargeQueries;
}

const base = '/api/proveedor-pagos/cargos';
const tags = ['payment-provider'];

interface ChargeBody {
  importe: number;
  moneda: string;
  referencia: string;
  descripcion?: string;
}

/** Charges and refunds (each once per Idempotency-Key), and reads of charges. */
export function chargeRoutes(deps: ChargeRouteDeps) {
  return (app: FastifyInstance): void => {
    app.post<{ Body: ChargeBody; Headers: { 'idempotency-key': string } }>(
      base,
      {
        schema: {
          tags,
          summary: 'Charge a card (simulated): once per Idempotency-Key',
          headers: idempotencyHeaders,
          body: chargeBody,
          response: {
            201: { ...cargo, description: 'Captured (or the stored answer of the same key)' },
            400: problem,
            402: { ...problem, description: 'PROVEEDOR.RECHAZADO: declined (stored: the same key declines again)' },
            422: { ...problem, description: 'PROVEEDOR.CLAVE_REUTILIZADA: the key was used for another request' },
            503: { ...problem, description: 'PROVEEDOR.NO_DISPONIBLE: simulated outage; nothing stored' },
          },
        },
      },
      async (request, reply) => {
        await arrive(deps.behaviour, reply);
        const { importe, moneda, referencia, descripcion } = request.body;
        const answer = await charge(deps, {
          key: request.headers['idempotency-key'],
          importe,
          moneda,
          referencia,
          ...(descripcion === undefined ? {} : { descripcion }),
        });
        return reply.code(answer.status).send(answer.body);
      },
    );

    app.post<{ Params: { cargo_id: string }; Headers: { 'idempotency-key': string } }>(
      `${base}/:cargo_id/reembolsos`,
      {
        schema: {
          tags,
          summary: 'Refund a captured charge in full: once per Idempotency-Key',
          headers: idempotencyHeaders,
          params: cargoParams,
          response: {
            201: { ...reembolso, description: 'Refunded (or the stored answer of the same key)' },
            400: problem,
            404: { ...problem, description: 'PROVEEDOR.CARGO_NO_EXISTE' },
            409: { ...problem, description: 'PROVEEDOR.YA_REEMBOLSADO or PROVEEDOR.NO_REEMBOLSABLE (declined)' },
            422: { ...problem, description: 'PROVEEDOR.CLAVE_REUTILIZADA' },
            503: { ...problem, description: 'PROVEEDOR.NO_DISPONIBLE: simulated outage; nothing stored' },
          },
        },
      },
      async (request, reply) => {
        await arrive(deps.behaviour, reply);
        const answer = await refund(deps, {
          key: request.headers['idempotency-key'],
          cargoId: request.params.cargo_id,
        });
        return reply.code(answer.status).send(answer.body);
      },
    );

    app.get<{ Params: { cargo_id: string } }>(
      `${base}/:cargo_id`,
      {
        schema: {
          tags,
          summary: 'A charge',
          params: cargoParams,
          response: { 200: cargo, 400: problem, 404: { ...problem, description: 'PROVEEDOR.CARGO_NO_EXISTE' } },
        },
      },
      (request) => deps.queries.byId(request.params.cargo_id),
    );

    app.get<{ Querystring: { referencia: string } }>(
      base,
      {
        schema: {
          tags,
          summary: 'The charges of a merchant reference, oldest first',
          querystring: referenceQuery,
          response: { 200: cargoList, 400: problem },
        },
      },
      async (request) => ({ cargos: await deps.queries.byReference(request.query.referencia) }),
    );
  };
}
