// POST /api/reservar runs the chain, then starts the saga in the same transaction that records the
// reservation (and its Idempotency-Key), and answers with the outcome if the saga ends within a
// short wait — else 202 with a Location to poll. GET /api/reservas/{id} shows the reservation and
// every saga step with its time.
import { createHash, randomUUID } from 'node:crypto';
import { currentCorrelation } from '@eventflow/correlation';
import type { SagaEngine, SagaLogEntry } from '@eventflow/saga';
import { ServiceError, type RoutePlugin } from '@eventflow/service';
import type { FastifyReply } from 'fastify';
import {
  limitRefusal,
  type Rejection,
  type ReservationChain,
  type ReservationRequest,
} from '../chain/reservation-chain.ts';
import { Unavailable } from '../clients.ts';
import type { Solicitud } from '../domain/reservation.ts';
import type { Estado } from '../domain/reservation.ts';
import type { ReservationsStore, ReservaVista } from '../store/reservations-store.ts';
import { purchaseSagaName } from '../saga/purchase-saga.ts';
import { quoteIdentifier } from '@eventflow/sql';
import {
  idempotencyHeaders,
  listQuery,
  problem,
  reservaParams,
  reservarBody,
  reservaSchema,
  resumenQuery,
  resumenSchema,
} from './schemas.ts';

export interface RouteDependencies {
  readonly chain: ReservationChain;
  readonly store: ReservationsStore;
  readonly engine: SagaEngine;
  readonly schema: string;
  /** How long POST /api/reservar waits for the saga's end before answering 202. */
  readonly waitMs: number;
}

/** The HTTP status of a failed reservation, by the code of the step that gave up. */
export function statusOfFailure(codigo: string | null): number {
  switch (codigo) {
    case 'RESERVA.AGOTADO':
      return 409;
    case 'RESERVA.PAGO_RECHAZADO':
      return 402;
    case 'RESERVA.SERVICIO_NO_DISPONIBLE':
    case 'SAGA.STEP_TIMEOUT':
      return 503;
    default:
      return 409;
  }
}

/** A refusal of the chain's (or of its limit, checked again in the transaction) as the client's problem. */
function refused({ code, status, title, extra }: Rejection, manejador: string): ServiceError {
  return new ServiceError(code, status, title, undefined, { ...extra, manejador });
}

class Replay extends Error {
  readonly reservaId: string;
  constructor(reservaId: string) {
    super('idempotent replay');
    this.reservaId = reservaId;
  }
}

const location = (reservaId: string) => `/api/reservas/${reservaId}`;

export function reservationRoutes(deps: RouteDependencies): RoutePlugin {
  const keys = `${quoteIdentifier(deps.schema)}.claves_idempotencia`;
  const fingerprint = (request: ReservationRequest) =>
    createHash('sha256')
      .update(JSON.stringify([request.usuario_id, request.evento_id, request.cantidad]))
      .digest('hex');

  const withSteps = async (vista: ReservaVista) => {
    const [instance, log] = await Promise.all([
      deps.engine.get(vista.reserva_id),
      deps.engine.log.query({ sagaId: vista.reserva_id, limit: 1000 }),
    ]);
    return { ...vista, saga: instance?.status ?? null, pasos: log.map(paso) };
  };

  /** Answers for a reservation: its outcome once the saga ends within the wait, else 202. */
  const answer = async (reply: FastifyReply, reservaId: string, waitMs: number, replayed: boolean) => {
    if (replayed) void reply.header('idempotent-replayed', 'true');
    void reply.header('location', location(reservaId));
    await deps.engine.waitFor(reservaId, { timeoutMs: waitMs }).catch((error: unknown) => {
      if ((error as { code?: string }).code !== 'SAGA.WAIT_TIMEOUT') throw error;
    });
    const vista = await deps.store.get(reservaId);
    if (vista === undefined) throw new ServiceError('RESERVA.NO_EXISTE', 404, 'No such reservation');
    const body = await withSteps(vista);
    if (vista.estado === 'confirmada') return reply.code(replayed ? 200 : 201).send(body);
    if (vista.estado === 'pendiente') return reply.code(202).send(body);
    const status = statusOfFailure(vista.codigo);
    throw new ServiceError(
      vista.codigo ?? 'RESERVA.FALLIDA',
      status,
      'The reservation failed',
      vista.motivo ?? undefined,
      { reserva_id: reservaId, estado: 'fallida', ...(status === 503 ? { retryAfterSeconds: 5 } : {}) },
    );
  };

  return (app) => {
    app.post<{ Body: ReservationRequest; Headers: { 'idempotency-key'?: string } }>(
      '/api/reservar',
      {
        schema: {
          summary: 'Reserves tickets: the chain of checks, then the purchase saga (seats, payment, confirmation)',
          description:
            'Send an Idempotency-Key header to retry safely: the same key with the same body answers the first outcome ' +
            '(Idempotent-Replayed: true) and buys nothing twice; with another body it is a 422.',
          headers: idempotencyHeaders,
          body: reservarBody,
          response: {
            200: reservaSchema,
            201: reservaSchema,
            202: reservaSchema,
            400: problem,
            402: problem,
            404: problem,
            409: problem,
            422: problem,
            503: problem,
          },
        },
      },
      async (request, reply) => {
        const key = request.headers['idempotency-key'];
        const print = fingerprint(request.body);
        const known = async () => {
          if (key === undefined) return undefined;
          const rows = await deps.store.events.sql.query<{ reserva_id: string; huella: string }>(
            `SELECT reserva_id, huella FROM ${keys} WHERE clave = $1`,
            [key],
          );
          const row = rows[0];
          if (row === undefined) return undefined;
          if (row.huella !== print) {
            throw new ServiceError(
              'RESERVA.CLAVE_REUTILIZADA',
              422,
              'This Idempotency-Key was used for another request',
              'Use a new key for a new reservation',
              { reserva_id: row.reserva_id },
            );
          }
          return row.reserva_id;
        };
        const earlier = await known();
        // A reservation that failed because a service was unavailable (a 503 with Retry-After) is
        // retried with the same key: the key then names the new attempt. Any other outcome is replayed.
        let retrying: string | undefined;
        if (earlier !== undefined) {
          const before = await deps.store.get(earlier);
          if (before === undefined || before.estado !== 'fallida' || statusOfFailure(before.codigo) !== 503) {
            return answer(reply, earlier, deps.waitMs, true);
          }
          retrying = earlier;
        }

        const checked = await deps.chain.run(request.body).catch((error: unknown) => {
          if (error instanceof Unavailable) {
            throw new ServiceError(error.code, 503, `The ${error.service} service is unavailable`, undefined, {
              retryAfterSeconds: 2,
            });
          }
          throw error;
        });
        if (!checked.ok) throw refused(checked.rejection, checked.handler);
        const c = checked.context;
        const solicitud: Solicitud = {
          reserva_id: randomUUID(),
          usuario_seudonimo: c.usuario_seudonimo,
          evento_id: c.evento_id,
          cantidad: c.cantidad,
          precio_unitario: c.precio_unitario,
          importe: c.importe,
          moneda: c.moneda,
          solicitada_en: new Date().toISOString(),
        };
        const correlationId = currentCorrelation()?.correlationId;
        try {
          await deps.store.events.transaction(async (tx) => {
            if (key !== undefined) {
              const claimed =
                retrying === undefined
                  ? await tx.sql.query(
                      `INSERT INTO ${keys} (clave, huella, reserva_id) VALUES ($1, $2, $3) ON CONFLICT (clave) DO NOTHING RETURNING clave`,
                      [key, print, solicitud.reserva_id],
                    )
                  : // Only if the key still names the failed attempt: of two retries at once, one goes on.
                    await tx.sql.query(
                      `UPDATE ${keys} SET reserva_id = $3 WHERE clave = $1 AND huella = $2 AND reserva_id = $4 RETURNING clave`,
                      [key, print, solicitud.reserva_id, retrying],
                    );
              if (claimed.length === 0) throw new Replay('');
            }
            // The per-user limit again, now that this user's requests for this event take turns.
            const { compradas, en_curso } = await deps.store.lockUserSeats(tx, c.usuario_seudonimo, c.evento_id);
            if (compradas + en_curso + c.cantidad > c.limite) {
              throw refused(limitRefusal(c.limite, compradas, en_curso).rejection, 'limite-por-usuario');
            }
            await deps.store.request(tx, solicitud);
            await deps.engine.start(purchaseSagaName, solicitud, {
              id: solicitud.reserva_id,
              tx: tx.sql,
              ...(correlationId === undefined ? {} : { correlationId }),
            });
          });
        } catch (error) {
          if (!(error instanceof Replay)) throw error;
          // Another request with this key got there first (it committed while we waited on the key).
          const first = await known();
          if (first === undefined) throw error;
          return answer(reply, first, deps.waitMs, true);
        }
        return answer(reply, solicitud.reserva_id, deps.waitMs, false);
      },
    );

    app.get<{ Params: { reserva_id: string } }>(
      '/api/reservas/:reserva_id',
      {
        schema: {
          summary: 'A reservation, its state and every step of its saga with its time',
          params: reservaParams,
          response: { 200: reservaSchema, 400: problem, 404: problem },
        },
      },
      async (request) => {
        const vista = await deps.store.get(request.params.reserva_id);
        if (vista === undefined) throw new ServiceError('RESERVA.NO_EXISTE', 404, 'No such reservation');
        return withSteps(vista);
      },
    );

    app.get<{ Querystring: { evento_id?: string; estado?: Estado; limit: number; after?: string } }>(
      '/api/reservas',
      {
        schema: {
          summary: 'Reservations, by event and state, in pages (after = the last reserva_id of the previous page)',
          querystring: listQuery,
          response: { 200: { type: 'array', items: reservaSchema }, 400: problem },
        },
      },
      (request) => deps.store.list(request.query),
    );

    app.get<{ Querystring: { evento_id?: string } }>(
      '/api/reservas/resumen',
      {
        schema: {
          summary: 'How many reservations (and tickets) are pending, confirmed and failed',
          querystring: resumenQuery,
          response: { 200: resumenSchema, 400: problem },
        },
      },
      (request) => deps.store.counts(request.query.evento_id),
    );
  };
}

function paso(entry: SagaLogEntry) {
  return {
    paso: entry.step ?? 'saga',
    estado: entry.state,
    intento: entry.attempt,
    error: entry.error,
    duracion_ms: entry.durationMs,
    en: entry.at,
  };
}
