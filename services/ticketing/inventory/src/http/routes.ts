// Inventory's routes. /internal/… are service-to-service (events creates seats, the reservations
// saga holds, confirms and releases them); GET /api/inventario/{evento_id} is the public read.
import type { Inventario, Retener, CrearInventario } from '@eventflow/ticketing-contracts';
import { currentCorrelation } from '@eventflow/correlation';
import { ServiceError, type RoutePlugin } from '@eventflow/service';
import { SeatRefusal, type SeatCommand, type SeatState } from '../domain/seats.ts';
import type { SeatWriter } from '../store/seat-writer.ts';
import { crearBody, eventoParams, inventarioSchema, problem, retencionParams, retenerBody } from './schemas.ts';

type EventoParams = { evento_id: string };
type RetencionParams = { evento_id: string; reserva_id: string };

export function inventoryRoutes(writer: SeatWriter): RoutePlugin {
  const view = (state: SeatState, version: number): Inventario => ({
    evento_id: state.evento_id,
    aforo_total: state.aforo_total,
    disponibles: state.disponibles,
    retenidas: state.retenidas,
    vendidas: state.vendidas,
    version,
  });

  /** Runs a command; 201 when it changed something, 200 when it had been done before. */
  const run = async (eventoId: string, command: SeatCommand) => {
    try {
      const outcome = await writer.execute(eventoId, command, currentCorrelation()?.correlationId);
      return { status: outcome.events.length > 0 ? 201 : 200, body: view(outcome.state, outcome.version) };
    } catch (error) {
      if (error instanceof SeatRefusal) {
        throw new ServiceError(error.code, error.status, error.message, undefined, { ...error.details });
      }
      throw error;
    }
  };

  const readOne = async (eventoId: string) => {
    const { state, version } = await writer.read(eventoId);
    if (!state.exists) throw new ServiceError('INVENTARIO.NO_EXISTE', 404, 'no seats for this event');
    return view(state, version);
  };

  const answers = { 200: inventarioSchema, 201: inventarioSchema, 400: problem, 404: problem, 409: problem };

  return (app) => {
    app.get<{ Params: EventoParams }>(
      '/api/inventario/:evento_id',
      {
        schema: {
          summary: "An event's seats: available, held by reservations in progress, sold",
          params: eventoParams,
          response: { 200: inventarioSchema, 400: problem, 404: problem },
        },
      },
      (request) => readOne(request.params.evento_id),
    );
    app.get<{ Params: EventoParams }>(
      '/internal/inventario/:evento_id',
      { schema: { params: eventoParams, response: { 200: inventarioSchema, 400: problem, 404: problem } } },
      (request) => readOne(request.params.evento_id),
    );
    app.post<{ Body: CrearInventario }>(
      '/internal/inventario',
      { schema: { summary: "Creates an event's seats (idempotent)", body: crearBody, response: answers } },
      async (request, reply) => {
        const { evento_id, aforo_total } = request.body;
        const { status, body } = await run(evento_id, { type: 'Crear', evento_id, aforo_total });
        return reply.code(status).send(body);
      },
    );
    app.post<{ Params: EventoParams; Body: Retener }>(
      '/internal/inventario/:evento_id/retenciones',
      {
        schema: {
          summary: 'Holds seats for a reservation',
          params: eventoParams,
          body: retenerBody,
          response: answers,
        },
      },
      async (request, reply) => {
        const { reserva_id, cantidad } = request.body;
        const { status, body } = await run(request.params.evento_id, { type: 'Retener', reserva_id, cantidad });
        return reply.code(status).send(body);
      },
    );
    app.post<{ Params: RetencionParams }>(
      '/internal/inventario/:evento_id/retenciones/:reserva_id/confirmar',
      { schema: { summary: "Sells a reservation's held seats", params: retencionParams, response: answers } },
      async (request, reply) => {
        const { evento_id, reserva_id } = request.params;
        const { body } = await run(evento_id, { type: 'Confirmar', reserva_id });
        return reply.code(200).send(body);
      },
    );
    app.post<{ Params: RetencionParams }>(
      '/internal/inventario/:evento_id/retenciones/:reserva_id/liberar',
      { schema: { summary: "Releases a reservation's held seats", params: retencionParams, response: answers } },
      async (request, reply) => {
        const { evento_id, reserva_id } = request.params;
        const { body } = await run(evento_id, { type: 'Liberar', reserva_id });
        return reply.code(200).send(body);
      },
    );
  };
}
