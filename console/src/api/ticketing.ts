import type { SagaLogState, SagaStatus } from '@eventflow/saga';
import type { Inventario } from '@eventflow/ticketing-contracts';
import type { EventView, NewEvent } from '@eventflow/ticketing-events';
import type { Pago, Resumen as PagosResumen } from '@eventflow/ticketing-payments';
import type { ReservationRequest } from '@eventflow/ticketing-reservations';
import type { NewUser, UserView } from '@eventflow/ticketing-users';
import type { ReceivedMail } from '@eventflow/mail';
import { ApiError, getJson, withQuery } from './http.ts';

export type { EventView, Inventario, NewEvent, NewUser, Pago, PagosResumen, ReservationRequest, UserView };

/**
 * The currency of every price and charge (the contracts' `ticketingCurrency`: a value, so not
 * imported, for that module would bring the bus into the bundle).
 */
export const ticketingCurrency = 'EUR';

/** A reservation's state in the read model. */
export type ReservaEstado = 'pendiente' | 'confirmada' | 'fallida';

/** One row of the saga log of a reservation (GET /api/reservas/{id}: `pasos`), oldest first. */
export interface Paso {
  /** The step, or "saga" for the instance's own rows (started, compensating, completed…). */
  readonly paso: string;
  readonly estado: SagaLogState;
  readonly intento: number | null;
  readonly error: string | null;
  readonly duracion_ms: number | null;
  readonly en: string;
}

/** A reservation as the reservations service answers it (its read model; `saga` and `pasos` on one). */
export interface Reserva {
  readonly reserva_id: string;
  /** The buyer's pseudonym: reservations never keep the user's id. */
  readonly usuario_seudonimo: string;
  readonly evento_id: string;
  readonly cantidad: number;
  readonly precio_unitario: number;
  readonly importe: number;
  readonly moneda: string;
  readonly estado: ReservaEstado;
  /** Why it failed: RESERVA.PAGO_RECHAZADO, RESERVA.AGOTADO, … */
  readonly codigo: string | null;
  readonly motivo: string | null;
  readonly correlation_id: string | null;
  readonly solicitada_en: string;
  readonly actualizada_en: string;
}

export interface ReservaConSaga extends Reserva {
  readonly saga: SagaStatus | null;
  readonly pasos: readonly Paso[];
}

export interface Tally {
  readonly reservas: number;
  readonly entradas: number;
}
export type ReservasResumen = Readonly<Record<ReservaEstado, Tally>>;

/** An answer shown as it came: its status, and its body (a problem's when it is one). */
export interface HttpAnswer {
  readonly status: number;
  readonly body: AnswerBody;
}

/** What the page reads of a write's answer: the resource's ids, or a problem's fields. */
export interface AnswerBody {
  readonly evento_id?: string;
  readonly usuario_id?: string;
  readonly reserva_id?: string;
  readonly nombre?: string;
  readonly estado?: string;
  readonly code?: string;
  readonly title?: string;
  readonly detail?: string;
}

/** GET /api/notificaciones: pseudonyms and ids only. */
export interface Notificaciones {
  readonly resumen: Readonly<Record<'enviando' | 'enviada' | 'descartada' | 'fallida', number>>;
  readonly notificaciones: ReadonlyArray<{
    readonly clave: string;
    readonly tipo: string;
    readonly estado: string;
    readonly intentos: number;
    readonly ultimo_error: string | null;
    readonly correlation_id: string | null;
    readonly actualizada_en: string;
  }>;
}

/** Sends a write and answers whatever the status: the forms show 201, 202, 402 and 409 alike. */
async function send(path: string, body: unknown): Promise<HttpAnswer> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: AnswerBody = {};
  try {
    parsed = JSON.parse(text) as AnswerBody;
  } catch {
    parsed = { detail: text || response.statusText };
  }
  return { status: response.status, body: parsed };
}

/** A read that may find nothing (404): undefined then. */
async function maybe<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

const id = (value: string) => encodeURIComponent(value);

export const ticketingApi = {
  /** Events by date, a page at a time. */
  events: (offset: number, limit: number) =>
    getJson<{ eventos: EventView[] }>(withQuery('/api/eventos', { limit, offset })).then((r) => r.eventos),
  event: (eventoId: string) => getJson<EventView>(`/api/eventos/${id(eventoId)}`),
  /** The seats as inventory holds them now (the events' own counts are a projection of these). */
  inventory: (eventoId: string) => maybe(getJson<Inventario>(`/api/inventario/${id(eventoId)}`)),
  summary: (eventoId: string) => getJson<ReservasResumen>(withQuery('/api/reservas/resumen', { evento_id: eventoId })),
  /** One page of an event's reservations in reserva_id order, after a cursor. */
  reservations: (query: {
    eventoId: string;
    estado: ReservaEstado | undefined;
    after: string | undefined;
    limit: number;
  }) =>
    getJson<Reserva[]>(
      withQuery('/api/reservas', {
        evento_id: query.eventoId,
        estado: query.estado,
        after: query.after,
        limit: query.limit,
      }),
    ),
  reservation: (reservaId: string) => getJson<ReservaConSaga>(`/api/reservas/${id(reservaId)}`),
  /** A reservation's payment; undefined when none was ever asked for. */
  payment: (reservaId: string) => maybe(getJson<Pago>(`/api/pagos/${id(reservaId)}`)),
  payments: () => getJson<PagosResumen>('/api/pagos/resumen'),

  /** The notifications' records (their states counted) and what the SMTP server received. */
  notifications: (limit: number) => getJson<Notificaciones>(withQuery('/api/notificaciones', { limit })),
  mailbox: (limit: number) => getJson<ReceivedMail[]>(withQuery('/api/notificaciones/buzon', { limit })),

  createEvent: (event: NewEvent) => send('/api/eventos', event),
  createUser: (user: NewUser) => send('/api/usuarios', user),
  reserve: (request: ReservationRequest) => send('/api/reservar', request),
};

/** A label and a colour (ok, warn, bad, info, grey) for each state, so none is forgotten. */
export interface Shown {
  readonly label: string;
  readonly tone: 'ok' | 'warn' | 'bad' | 'info' | 'grey';
}

export const reservaStates: Readonly<Record<ReservaEstado, Shown>> = {
  pendiente: { label: 'Pending', tone: 'warn' },
  confirmada: { label: 'Confirmed', tone: 'ok' },
  fallida: { label: 'Failed', tone: 'bad' },
};
export const reservaEstados = Object.keys(reservaStates) as ReservaEstado[];

export const eventStates: Readonly<Record<EventView['estado'], Shown>> = {
  en_venta: { label: 'On sale', tone: 'ok' },
  agotado: { label: 'Sold out', tone: 'bad' },
  finalizado: { label: 'Finished', tone: 'grey' },
};

export const paymentStates: Readonly<Record<Pago['estado'], Shown>> = {
  pendiente: { label: 'Pending', tone: 'warn' },
  capturado: { label: 'Captured', tone: 'ok' },
  rechazado: { label: 'Declined', tone: 'bad' },
  reembolsado: { label: 'Refunded', tone: 'info' },
  sin_cargo: { label: 'No charge', tone: 'grey' },
};

export const sagaStates: Readonly<Record<SagaStatus, Shown>> = {
  RUNNING: { label: 'Running', tone: 'warn' },
  COMPENSATING: { label: 'Compensating', tone: 'warn' },
  COMPLETED: { label: 'Completed', tone: 'ok' },
  COMPENSATED: { label: 'Compensated', tone: 'info' },
  FAILED: { label: 'Failed (needs attention)', tone: 'bad' },
};

/** €45.50, in the answer's currency. */
export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

const statusTexts: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  400: 'Bad Request',
  402: 'Payment Required',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Content',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** "402 Payment Required". */
export const statusText = (status: number): string => `${status} ${statusTexts[status] ?? ''}`.trim();
