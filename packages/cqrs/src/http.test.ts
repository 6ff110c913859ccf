// Behind HTTP: the service kit's error handler turns this package's errors into problem+json.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { currentCorrelation } from '@eventflow/correlation';
import { buildService, type RoutePlugin } from '@eventflow/service';
import { assertProblem, injectJson } from '@eventflow/service/testing';
import {
  authorisation,
  ConflictError,
  correlation,
  createCommandBus,
  defineCommand,
  NotFoundError,
  validation,
  type CommandBus,
} from './index.ts';

interface Reserve {
  readonly eventId: string;
  readonly seats: number;
}
const reserve = defineCommand<'Reserve', Reserve, { reservationId: string; correlationId: string }>({
  type: 'Reserve',
  schema: {
    type: 'object',
    required: ['eventId', 'seats'],
    properties: { eventId: { type: 'string' }, seats: { type: 'integer', minimum: 1 } },
  },
});

function bookingCommands(): CommandBus<typeof reserve, string> {
  return createCommandBus({
    definitions: [reserve],
    middleware: [correlation(), authorisation<string>((_m, user) => user !== 'mallory'), validation()],
  }).register(reserve, (command) => {
    const { eventId } = command.payload;
    if (eventId === 'missing') return Promise.reject(new NotFoundError(`no event ${eventId}`, { eventId }));
    if (eventId === 'busy') return Promise.reject(new ConflictError('the event changed; try again'));
    return Promise.resolve({ reservationId: 'r-1', correlationId: currentCorrelation()?.correlationId ?? '' });
  });
}

function routes(commands: CommandBus<typeof reserve, string>): RoutePlugin {
  return (app) => {
    // The body is checked by the command's own schema, not the route's: one place for the rule.
    app.post<{ Body: Reserve }>('/reservations', (request) =>
      commands.execute(
        { type: 'Reserve', payload: request.body },
        { principal: String(request.headers['x-user'] ?? 'anonymous') },
      ),
    );
  };
}

function service() {
  return buildService(
    { name: 'booking', routes: [routes(bookingCommands())] },
    { logger: false, defaultMetrics: false },
  );
}

test('a command behind a route: 200 with the result, the request correlation id flowing into the handler', async (t) => {
  const app = service();
  t.after(() => app.close());
  const response = await injectJson<{ reservationId: string; correlationId: string }>(app, {
    method: 'POST',
    url: '/reservations',
    payload: { eventId: 'concert', seats: 2 },
    headers: { 'x-correlation-id': 'corr-42' },
  });
  assert.equal(response.statusCode, 200);
  assert.deepEqual(response.body, { reservationId: 'r-1', correlationId: 'corr-42' });
});

test('validation, authorisation, not found and conflict become 400, 403, 404 and 409 problems', async (t) => {
  const app = service();
  t.after(() => app.close());
  const post = (payload: unknown, user = 'ana') =>
    injectJson(app, { method: 'POST', url: '/reservations', payload, headers: { 'x-user': user } });

  const invalid = assertProblem(await post({ eventId: 'concert', seats: 0 }), {
    status: 400,
    code: 'CQRS.VALIDATION_FAILED',
    title: 'Invalid command',
  });
  assert.deepEqual(invalid.errors, [{ in: 'command', pointer: '/seats', message: 'must be >= 1', keyword: 'minimum' }]);
  assert.equal(invalid['messageType'], 'Reserve');
  assertProblem(await post({ eventId: 'concert', seats: 1 }, 'mallory'), { status: 403, code: 'CQRS.FORBIDDEN' });
  const missing = assertProblem(await post({ eventId: 'missing', seats: 1 }), {
    status: 404,
    code: 'CQRS.NOT_FOUND',
    detail: 'no event missing',
  });
  assert.equal(missing['eventId'], 'missing');
  assertProblem(await post({ eventId: 'busy', seats: 1 }), { status: 409, code: 'CQRS.CONFLICT' });
});
