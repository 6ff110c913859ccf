import assert from 'node:assert/strict';
import { test } from 'node:test';
import { currentCorrelation, withCorrelation, type Correlation } from '@eventflow/correlation';
import { createServiceMetrics } from '@eventflow/service';
import { metricValue } from '@eventflow/service/testing';
import {
  authorisation,
  ConflictError,
  conflicts,
  correlation,
  createCommandBus,
  defineCommand,
  metrics,
  NotFoundError,
  validation,
  ValidationError,
} from '../index.ts';
import { dispatchSpec, recordingMiddleware } from '../testing/index.ts';

interface Reserve {
  readonly eventId: string;
  readonly seats: number;
}
const reserve = defineCommand<'Reserve', Reserve, string>({
  type: 'Reserve',
  schema: {
    type: 'object',
    required: ['eventId', 'seats'],
    additionalProperties: false,
    properties: { eventId: { type: 'string', minLength: 1 }, seats: { type: 'integer', minimum: 1, maximum: 4 } },
  },
});
const ping = defineCommand<'Ping', unknown, string>({ type: 'Ping' });

test('validation: a bad payload is a ValidationError listing every problem, and the handler never runs', async () => {
  let ran = 0;
  const commands = createCommandBus({ definitions: [reserve, ping], middleware: [validation()] })
    .register(reserve, () => {
      ran += 1;
      return Promise.resolve('ok');
    })
    .register(ping, () => Promise.resolve('pong'));
  const bad = { type: 'Reserve', payload: { seats: 9, extra: true } } as unknown as {
    type: 'Reserve';
    payload: Reserve;
  };
  const error = await dispatchSpec(() => commands.execute(bad)).thenFails('CQRS.VALIDATION_FAILED', 400);
  assert.ok(error instanceof ValidationError);
  assert.deepEqual(
    error.issues.map((issue) => [issue.in, issue.pointer, issue.keyword]),
    [
      ['command', '/eventId', 'required'],
      ['command', '', 'additionalProperties'],
      ['command', '/seats', 'maximum'],
    ],
  );
  assert.equal(ran, 0);
  assert.equal(await commands.execute({ type: 'Reserve', payload: { eventId: 'e', seats: 2 } }), 'ok');
  // No schema, nothing to check.
  assert.equal(await commands.execute({ type: 'Ping', payload: 'anything' }), 'pong');
});

test("correlation: the message's ids, else the current correlation, else a new one; causation is the message", async () => {
  const seen: Array<Correlation | undefined> = [];
  const commands = createCommandBus({
    definitions: [ping],
    middleware: [correlation({ newId: () => 'new-corr' })],
  }).register(ping, () => {
    seen.push(currentCorrelation());
    return Promise.resolve('pong');
  });
  await commands.execute({ type: 'Ping', payload: 1, messageId: 'm1', correlationId: 'given' });
  await withCorrelation({ correlationId: 'ambient', causationId: 'http-1' }, () =>
    commands.execute({ type: 'Ping', payload: 1, messageId: 'm2' }),
  );
  await commands.execute({ type: 'Ping', payload: 1, messageId: 'm3' });
  assert.deepEqual(seen, [
    { correlationId: 'given', causationId: 'm1' },
    { correlationId: 'ambient', causationId: 'm2' },
    { correlationId: 'new-corr', causationId: 'm3' },
  ]);
  assert.equal(currentCorrelation(), undefined, 'nothing leaks out of the dispatch');
});

test('authorisation: the policy sees the message and the principal; a refusal is 403 with its reason', async () => {
  interface User {
    readonly name: string;
    readonly canReserve: boolean;
  }
  const asked: string[] = [];
  let ran = 0;
  const commands = createCommandBus({
    definitions: [reserve],
    middleware: [
      authorisation<User>((message, user) => {
        asked.push(`${user?.name ?? 'anonymous'} ${message.type}`);
        if (user === undefined) return 'sign in first';
        return Promise.resolve(user.canReserve);
      }),
    ],
  }).register(reserve, () => {
    ran += 1;
    return Promise.resolve('ok');
  });
  const command = { type: 'Reserve', payload: { eventId: 'e', seats: 1 } } as const;
  await dispatchSpec(() => commands.execute(command, { principal: { name: 'ana', canReserve: true } })).thenReturns(
    'ok',
  );
  const denied = await dispatchSpec(() =>
    commands.execute(command, { principal: { name: 'bob', canReserve: false } }),
  ).thenFails('CQRS.FORBIDDEN', 403);
  assert.equal((denied as Error).message, 'not allowed to send the command Reserve');
  const anonymous = await dispatchSpec(() => commands.execute(command)).thenFails('CQRS.FORBIDDEN', 403);
  assert.equal((anonymous as Error).message, 'sign in first');
  assert.deepEqual(asked, ['ana Reserve', 'bob Reserve', 'anonymous Reserve']);
  assert.equal(ran, 1);
});

test('metrics: a counter by kind/type/outcome and a duration histogram, in the service registry', async () => {
  const serviceMetrics = createServiceMetrics({ service: 'test', defaultMetrics: false });
  let mode: 'ok' | 'not-found' | 'crash' = 'ok';
  const commands = createCommandBus({ definitions: [ping], middleware: [metrics(serviceMetrics)] }).register(
    ping,
    () => {
      if (mode === 'not-found') return Promise.reject(new NotFoundError('no such thing'));
      if (mode === 'crash') return Promise.reject(new Error('bug'));
      return Promise.resolve('pong');
    },
  );
  await commands.execute({ type: 'Ping', payload: 1 });
  await commands.execute({ type: 'Ping', payload: 1 });
  mode = 'not-found';
  await assert.rejects(commands.execute({ type: 'Ping', payload: 1 }));
  mode = 'crash';
  await assert.rejects(commands.execute({ type: 'Ping', payload: 1 }));
  const { registry } = serviceMetrics;
  const total = (outcome: string) =>
    metricValue(registry, 'cqrs_messages_total', { kind: 'command', type: 'Ping', outcome });
  assert.equal(await total('ok'), 2);
  assert.equal(await total('rejected'), 1);
  assert.equal(await total('error'), 1);
  const count = await metricValue(
    registry,
    'cqrs_message_duration_seconds',
    { kind: 'command', type: 'Ping', outcome: 'ok' },
    '_count',
  );
  assert.equal(count, 2);
  // Get-or-create: a second bus on the same registry shares the series instead of failing.
  createCommandBus({ definitions: [ping], middleware: [metrics(serviceMetrics)] });
  assert.match(
    await registry.metrics(),
    /cqrs_messages_total\{kind="command",type="Ping",outcome="ok",service="test"\} 2/,
  );
});

test('conflicts: errors the predicate recognises become a 409 ConflictError with the original as cause', async () => {
  class VersionConflict extends Error {}
  const original = new VersionConflict('stream at 3, expected 2');
  let failWith: Error = original;
  const commands = createCommandBus({
    definitions: [ping],
    middleware: [conflicts((error) => error instanceof VersionConflict)],
  }).register(ping, () => Promise.reject(failWith));
  const error = await dispatchSpec(() => commands.execute({ type: 'Ping', payload: 1 })).thenFails(
    'CQRS.CONFLICT',
    409,
  );
  assert.ok(error instanceof ConflictError);
  assert.equal(error.cause, original);
  failWith = new Error('other');
  await assert.rejects(commands.execute({ type: 'Ping', payload: 1 }), (e) => e === failWith);
});

test('the usual order: correlation outside, then metrics, authorisation, validation; a refusal is still counted', async () => {
  const log: string[] = [];
  const serviceMetrics = createServiceMetrics({ service: 'test', defaultMetrics: false });
  const commands = createCommandBus({
    definitions: [reserve],
    middleware: [
      correlation(),
      metrics(serviceMetrics),
      recordingMiddleware('before-auth', log),
      authorisation<string>((_m, user) => user === 'ana'),
      recordingMiddleware('before-validation', log),
      validation(),
    ],
  }).register(reserve, () => {
    log.push(`handler ${currentCorrelation()?.causationId ?? ''}`);
    return Promise.resolve('ok');
  });
  const invalid = { type: 'Reserve', payload: { eventId: 'e', seats: 0 } } as const;
  await dispatchSpec(() => commands.execute(invalid, { principal: 'bob' })).thenFails('CQRS.FORBIDDEN');
  await dispatchSpec(() => commands.execute(invalid, { principal: 'ana' })).thenFails('CQRS.VALIDATION_FAILED');
  await commands.execute({ ...invalid, payload: { eventId: 'e', seats: 1 }, messageId: 'm9' }, { principal: 'ana' });
  assert.deepEqual(log, [
    '>before-auth Reserve',
    '!before-auth',
    '>before-auth Reserve',
    '>before-validation Reserve',
    '!before-validation',
    '!before-auth',
    '>before-auth Reserve',
    '>before-validation Reserve',
    'handler m9',
    '<before-validation',
    '<before-auth',
  ]);
  const rejected = await metricValue(serviceMetrics.registry, 'cqrs_messages_total', { outcome: 'rejected' });
  assert.equal(rejected, 2);
});
