// Spec 001's chain of responsibility: a reservation request passes through these handlers, in this
// order, before its saga starts. Each passes, adds what it learnt for the handlers after it, or
// rejects with a typed code that reaches the client as problem+json. Nothing is written here: a
// rejected request changes nothing. (The saga's steps are the chain's processors: seats, payment.)
import { enrich, pass, pipeline, reject } from '@eventflow/pipeline';
import { ticketingCurrency } from '@eventflow/ticketing-contracts';
import type { Clients, Evento } from '../clients.ts';

export interface ReservationRequest {
  readonly usuario_id: string;
  readonly evento_id: string;
  readonly cantidad: number;
}

/** A refusal: the problem's code, status and what the client needs to know. */
export interface Rejection {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly extra?: Readonly<Record<string, unknown>>;
}

export interface ChainDependencies {
  readonly clients: Clients;
  /** Seats this user (by pseudonym) holds in reservations still in progress for this event. */
  readonly pendingSeats: (seudonimo: string, eventoId: string) => Promise<number>;
  /** Per-user limit when the event sets none. */
  readonly defaultLimit: number;
  readonly maxPerRequest: number;
  readonly now?: () => Date;
}

const refuse = (code: string, status: number, title: string, extra?: Record<string, unknown>) =>
  reject<Rejection>({ code, status, title, ...(extra === undefined ? {} : { extra }) });

/** The per-user limit's refusal, from the chain's handler or from the request's transaction. */
export const limitRefusal = (limite: number, compradas: number, en_curso: number) =>
  refuse('RESERVA.LIMITE_POR_USUARIO', 409, `At most ${limite} tickets per person for this event`, {
    limite,
    compradas,
    en_curso,
  });

const round2 = (value: number): number => Math.round(value * 100) / 100;

export function reservationChain(deps: ChainDependencies) {
  const now = deps.now ?? (() => new Date());
  return pipeline<ReservationRequest>()
    .use('validador-de-datos', (r) =>
      r.usuario_id.trim() === '' || r.evento_id.trim() === ''
        ? refuse('RESERVA.DATOS_INVALIDOS', 400, 'usuario_id and evento_id are required')
        : !Number.isInteger(r.cantidad) || r.cantidad < 1 || r.cantidad > deps.maxPerRequest
          ? refuse('RESERVA.DATOS_INVALIDOS', 400, `cantidad must be a whole number from 1 to ${deps.maxPerRequest}`)
          : pass(),
    )
    .use('validador-de-usuario', async (r) => {
      // From here on the user is their pseudonym: the id is not kept, logged or sent anywhere.
      const answer = await deps.clients.seudonimo(r.usuario_id);
      if (answer.status === 404 || answer.status === 400) {
        return refuse('RESERVA.USUARIO_NO_EXISTE', 404, 'No such user', { usuario_id: r.usuario_id });
      }
      if (answer.status !== 200) return refuse('RESERVA.USUARIO_NO_VALIDO', 422, 'The user cannot buy');
      return enrich({ usuario_seudonimo: answer.body.usuario_seudonimo });
    })
    .use('validador-de-evento', async (r) => {
      const answer = await deps.clients.evento(r.evento_id);
      if (answer.status === 404 || answer.status === 400) {
        return refuse('RESERVA.EVENTO_NO_EXISTE', 404, 'No such event', { evento_id: r.evento_id });
      }
      const evento: Evento = answer.body;
      if (answer.status !== 200) return refuse('RESERVA.EVENTO_NO_VALIDO', 422, 'The event cannot be sold');
      if (Date.parse(evento.fecha) <= now().getTime()) {
        return refuse('RESERVA.EVENTO_PASADO', 409, 'The event has already taken place', { fecha: evento.fecha });
      }
      // 'agotado' is the catalogue's possibly stale view of the seats: inventory decides below.
      if (evento.estado !== 'en_venta' && evento.estado !== 'agotado') {
        return refuse('RESERVA.EVENTO_NO_A_LA_VENTA', 409, 'The event is not on sale', { estado: evento.estado });
      }
      return enrich({ evento });
    })
    .use('limite-por-usuario', async (r) => {
      const limite = r.evento.max_entradas_por_usuario ?? deps.defaultLimit;
      const [compradas, pendientes] = await Promise.all([
        deps.clients.entradasCompradas(r.usuario_seudonimo, r.evento_id),
        deps.pendingSeats(r.usuario_seudonimo, r.evento_id),
      ]);
      const tiene = compradas + pendientes;
      // A quick refusal; the request's transaction checks the limit again, under a lock of this
      // user's seats of this event, so that requests sent at once cannot all pass (limitRefusal).
      return tiene + r.cantidad > limite ? limitRefusal(limite, compradas, pendientes) : enrich({ limite });
    })
    .use('validador-de-inventario', async (r) => {
      const answer = await deps.clients.inventario(r.evento_id);
      if (answer.status !== 200) {
        return refuse('RESERVA.EVENTO_SIN_INVENTARIO', 409, 'The event has no seats to sell');
      }
      const { disponibles, retenidas } = answer.body;
      if (disponibles >= r.cantidad) return pass();
      // Seats held by purchases still in progress come back when those fail: not sold out, not yet.
      if (disponibles + retenidas >= r.cantidad) {
        return refuse(
          'RESERVA.ASIENTOS_RETENIDOS',
          409,
          `Only ${disponibles} ticket(s) free now; ${retenidas} held by purchases in progress may come back`,
          { disponibles, retenidas, retryAfterSeconds: 5 },
        );
      }
      return refuse('RESERVA.AGOTADO', 409, disponibles === 0 ? 'Sold out' : `Only ${disponibles} ticket(s) left`, {
        disponibles,
        retenidas,
      });
    })
    .use('calculador-de-precio', (r) =>
      enrich({
        precio_unitario: r.evento.precio,
        importe: round2(r.evento.precio * r.cantidad),
        moneda: ticketingCurrency,
      }),
    );
}

export type ReservationChain = ReturnType<typeof reservationChain>;
