// Spec 001's "Servicio de Reservas y Pagos": the reservation request passes a chain of handlers
// (ValidadorDeDatos, ValidadorDelInventario, limits per user…) before the saga takes over.
import { test } from 'node:test';
import { enrich, pass, pipeline, reject } from './index.ts';
import { pipelineSpec } from './testing/index.ts';

interface ReservationRequest {
  readonly userId: string;
  readonly eventId: string;
  readonly seats: number;
}

interface EventInfo {
  readonly id: string;
  readonly available: number;
  readonly maxPerUser: number;
}

type Rejection =
  | { readonly code: 'RESERVATION.INVALID_REQUEST'; readonly problems: readonly string[] }
  | { readonly code: 'RESERVATION.EVENT_NOT_FOUND'; readonly eventId: string }
  | { readonly code: 'RESERVATION.SOLD_OUT'; readonly available: number }
  | { readonly code: 'RESERVATION.LIMIT_PER_USER'; readonly limit: number; readonly alreadyHeld: number };

/** The catalogue and the user's holdings, as ports the chain is given (a read model in the service). */
function reservationChain(events: ReadonlyMap<string, EventInfo>, held: ReadonlyMap<string, number>) {
  return pipeline<ReservationRequest>()
    .use('validate-request', (r) => {
      const problems = [
        ...(r.userId === '' ? ['userId is empty'] : []),
        ...(Number.isInteger(r.seats) && r.seats > 0 ? [] : ['seats must be a positive integer']),
      ];
      return problems.length > 0 ? reject<Rejection>({ code: 'RESERVATION.INVALID_REQUEST', problems }) : pass();
    })
    .use('event-exists', async (r) => {
      const event = await Promise.resolve(events.get(r.eventId));
      return event === undefined
        ? reject<Rejection>({ code: 'RESERVATION.EVENT_NOT_FOUND', eventId: r.eventId })
        : enrich({ event });
    })
    .use('availability', (r) =>
      r.event.available < r.seats
        ? reject<Rejection>({ code: 'RESERVATION.SOLD_OUT', available: r.event.available })
        : pass(),
    )
    .use('limit-per-user', (r) => {
      const alreadyHeld = held.get(`${r.eventId}/${r.userId}`) ?? 0;
      return alreadyHeld + r.seats > r.event.maxPerUser
        ? reject<Rejection>({ code: 'RESERVATION.LIMIT_PER_USER', limit: r.event.maxPerUser, alreadyHeld })
        : enrich({ alreadyHeld });
    });
}

const events = new Map<string, EventInfo>([
  ['concert', { id: 'concert', available: 10, maxPerUser: 4 }],
  ['tiny', { id: 'tiny', available: 1, maxPerUser: 4 }],
]);
const held = new Map([['concert/ana', 3]]);
const spec = pipelineSpec(reservationChain(events, held));

test('a good request passes every handler and comes out enriched with the event and the holdings', async () => {
  await spec.given({ userId: 'bob', eventId: 'concert', seats: 2 }).thenPasses({
    event: { id: 'concert', available: 10, maxPerUser: 4 },
    alreadyHeld: 0,
  });
  await spec
    .given({ userId: 'bob', eventId: 'concert', seats: 2 })
    .thenRan(['validate-request', 'event-exists', 'availability', 'limit-per-user']);
});

test('bad data stops at validation, before any lookup', async () => {
  const request = spec.given({ userId: '', eventId: 'concert', seats: 0 });
  await request.thenRejects('validate-request', {
    code: 'RESERVATION.INVALID_REQUEST',
    problems: ['userId is empty', 'seats must be a positive integer'],
  });
  await request.thenRan(['validate-request']);
});

test('an unknown event, a sold-out event and a user over the limit each stop at their handler', async () => {
  await spec
    .given({ userId: 'bob', eventId: 'nope', seats: 1 })
    .thenRejects('event-exists', { code: 'RESERVATION.EVENT_NOT_FOUND', eventId: 'nope' });
  await spec
    .given({ userId: 'bob', eventId: 'tiny', seats: 2 })
    .thenRejects('availability', { code: 'RESERVATION.SOLD_OUT', available: 1 });
  await spec
    .given({ userId: 'ana', eventId: 'concert', seats: 2 })
    .thenRejects('limit-per-user', { code: 'RESERVATION.LIMIT_PER_USER', limit: 4, alreadyHeld: 3 });
});
