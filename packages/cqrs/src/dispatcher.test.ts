import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  authorisation,
  correlation,
  createCommandBus,
  createQueryBus,
  defineCommand,
  defineQuery,
  validation,
  type Middleware,
} from './index.ts';
import { dispatchSpec, recordingMiddleware } from './testing/index.ts';

interface ReserveSeat {
  readonly eventId: string;
  readonly seat: string;
}
const reserveSeat = defineCommand<'ReserveSeat', ReserveSeat, { reservationId: string }>({
  type: 'ReserveSeat',
  schema: {
    type: 'object',
    required: ['eventId', 'seat'],
    properties: { eventId: { type: 'string' }, seat: { type: 'string' } },
  },
});
const cancelReservation = defineCommand<'CancelReservation', { reservationId: string }>({ type: 'CancelReservation' });
const seatsLeft = defineQuery<'SeatsLeft', { eventId: string }, number>({ type: 'SeatsLeft' });

test('a command reaches its one handler, with a messageId, and its result comes back', async () => {
  const seen: unknown[] = [];
  const commands = createCommandBus({ definitions: [reserveSeat, cancelReservation], newId: () => 'm-1' }).register(
    reserveSeat,
    (command) => {
      seen.push(command);
      return Promise.resolve({ reservationId: `r-${command.payload.seat}` });
    },
  );
  const result = await commands.execute({ type: 'ReserveSeat', payload: { eventId: 'e', seat: 'A1' } });
  assert.deepEqual(result, { reservationId: 'r-A1' });
  assert.deepEqual(seen, [{ type: 'ReserveSeat', payload: { eventId: 'e', seat: 'A1' }, messageId: 'm-1' }]);
});

test('a query is asked of its handler, which gets the principal given', async () => {
  const queries = createQueryBus<typeof seatsLeft, { user: string }>({ definitions: [seatsLeft] }).register(
    seatsLeft,
    (query, context) => Promise.resolve(query.payload.eventId.length + (context.principal?.user.length ?? 0)),
  );
  await dispatchSpec(() =>
    queries.ask({ type: 'SeatsLeft', payload: { eventId: 'abc' } }, { principal: { user: 'bo' } }),
  ).thenReturns(5);
});

test('a second handler for one type is refused at registration', () => {
  const commands = createCommandBus({ definitions: [reserveSeat] });
  commands.register(reserveSeat, () => Promise.resolve({ reservationId: 'x' }));
  assert.throws(
    () => commands.register(reserveSeat, () => Promise.resolve({ reservationId: 'y' })),
    (error: unknown) => (error as { code?: string }).code === 'CQRS.DUPLICATE_HANDLER',
  );
});

test('an unknown type is CQRS.UNKNOWN_MESSAGE (404); a defined type without handler is CQRS.NO_HANDLER (501)', async () => {
  const commands = createCommandBus({ definitions: [reserveSeat, cancelReservation] }).register(reserveSeat, () =>
    Promise.resolve({ reservationId: 'x' }),
  );
  const unknown = { type: 'Teleport', payload: {} } as unknown as Parameters<typeof commands.execute>[0];
  await dispatchSpec(() => commands.execute(unknown)).thenFails('CQRS.UNKNOWN_MESSAGE', 404);
  await dispatchSpec(() => commands.execute({ type: 'CancelReservation', payload: { reservationId: 'r' } })).thenFails(
    'CQRS.NO_HANDLER',
    501,
  );
  assert.deepEqual(commands.missingHandlers(), ['CancelReservation']);
});

test('registering a definition the bus was not given, or giving a query to a command bus, is refused', () => {
  const commands = createCommandBus({ definitions: [reserveSeat] });
  const lookalike = defineCommand<'ReserveSeat', ReserveSeat, { reservationId: string }>({ type: 'ReserveSeat' });
  assert.throws(
    () => commands.register(lookalike, () => Promise.resolve({ reservationId: 'x' })),
    (error: unknown) => (error as { code?: string }).code === 'CQRS.UNKNOWN_MESSAGE',
  );
  assert.throws(() => createCommandBus({ definitions: [seatsLeft as never] }), /is a query, not a command/);
  assert.throws(() => createCommandBus({ definitions: [reserveSeat, lookalike] }), /defined twice/);
});

test('middleware runs onion-style in the order given, around the handler, on success and on failure', async () => {
  const log: string[] = [];
  const commands = createCommandBus({
    definitions: [reserveSeat, cancelReservation],
    middleware: [recordingMiddleware('outer', log), recordingMiddleware('inner', log)],
  })
    .register(reserveSeat, () => {
      log.push('handler');
      return Promise.resolve({ reservationId: 'r' });
    })
    .register(cancelReservation, () => {
      log.push('handler');
      return Promise.reject(new Error('boom'));
    });
  await commands.execute({ type: 'ReserveSeat', payload: { eventId: 'e', seat: 'A1' } });
  assert.deepEqual(log, ['>outer ReserveSeat', '>inner ReserveSeat', 'handler', '<inner', '<outer']);
  log.length = 0;
  await assert.rejects(commands.execute({ type: 'CancelReservation', payload: { reservationId: 'r' } }), /boom/);
  assert.deepEqual(log, ['>outer CancelReservation', '>inner CancelReservation', 'handler', '!inner', '!outer']);
});

test('a middleware that stops the chain keeps the later ones and the handler from running', async () => {
  const log: string[] = [];
  const stop: Middleware = () => Promise.reject(new Error('stopped'));
  const commands = createCommandBus({
    definitions: [reserveSeat],
    middleware: [recordingMiddleware('outer', log), stop, recordingMiddleware('never', log)],
  }).register(reserveSeat, () => {
    log.push('handler');
    return Promise.resolve({ reservationId: 'r' });
  });
  await assert.rejects(commands.execute({ type: 'ReserveSeat', payload: { eventId: 'e', seat: 'A1' } }), /stopped/);
  assert.deepEqual(log, ['>outer ReserveSeat', '!outer']);
});

test('a middleware that calls next() twice gets an error the second time; the handler ran once', async () => {
  let runs = 0;
  const twice: Middleware = async (_m, _c, next) => {
    await next();
    return next();
  };
  const commands = createCommandBus({ definitions: [reserveSeat], middleware: [twice] }).register(reserveSeat, () => {
    runs += 1;
    return Promise.resolve({ reservationId: 'r' });
  });
  await assert.rejects(
    commands.execute({ type: 'ReserveSeat', payload: { eventId: 'e', seat: 'A1' } }),
    /next\(\) twice/,
  );
  assert.equal(runs, 1);
});

// Compile-time checks: tsc runs over this file (the function is never called).
export function typeChecks(): void {
  interface User {
    readonly id: string;
    readonly roles: readonly string[];
  }
  const commands = createCommandBus({
    definitions: [reserveSeat, cancelReservation],
    middleware: [
      correlation(),
      authorisation<User>((_m, user) => user?.roles.includes('clerk') ?? false),
      validation(),
    ],
  });
  commands.register(reserveSeat, (command, context) => {
    const seat: string = command.payload.seat;
    // The principal's type comes from the authorisation middleware.
    const id: string | undefined = context.principal?.id;
    void [seat, id];
    return Promise.resolve({ reservationId: 'r' });
  });
  // @ts-expect-error — the handler must answer the command's result type
  commands.register(cancelReservation, () => Promise.resolve(42));
  const reserved: Promise<{ reservationId: string }> = commands.execute(
    { type: 'ReserveSeat', payload: { eventId: 'e', seat: 'A1' } },
    { principal: { id: 'u', roles: [] } },
  );
  const cancelled: Promise<void> = commands.execute({ type: 'CancelReservation', payload: { reservationId: 'r' } });
  // @ts-expect-error — the payload does not match the type
  void commands.execute({ type: 'ReserveSeat', payload: { reservationId: 'r' } });
  // @ts-expect-error — not a type this bus was given
  void commands.execute({ type: 'Teleport', payload: {} });
  // @ts-expect-error — the principal must be a User
  void commands.execute({ type: 'CancelReservation', payload: { reservationId: 'r' } }, { principal: 'root' });
  // @ts-expect-error — a query definition cannot be registered on a command bus
  commands.register(seatsLeft, () => Promise.resolve(1));
  void [reserved, cancelled];
}
