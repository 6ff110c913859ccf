// Spec 004's choreography (users → notifications, each message in the saga log), on the embedded bus
// with PGlite (choreography.test.ts) and on Kafka with PostgreSQL (choreography.int.test.ts).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import test from 'node:test';
import { defineTopic, permanentError, type Bus } from '@eventflow/bus';
import { collect, eventually } from '@eventflow/bus/testing';
import { withCorrelation } from '@eventflow/correlation';
import { cleanupStack, type Defer } from '@eventflow/eventstore/testing';
import { openChoreography } from '../choreography/choreography.ts';
import { sagaLog } from '../log/saga-log.ts';
import type { OpenTarget } from '../test-support.ts';

interface UserCreated {
  userId: string;
  email: string;
}
interface NotificationSent {
  userId: string;
  channel: string;
}

const objectSchema = (required: string[]) => ({
  type: 'object',
  required,
  properties: Object.fromEntries(required.map((name) => [name, { type: 'string' }])),
});

function topics() {
  const id = randomUUID().slice(0, 8);
  return {
    users: defineTopic<UserCreated>({
      name: `saga-test-users-${id}`,
      partitions: 2,
      schema: objectSchema(['userId', 'email']),
    }),
    notifications: defineTopic<NotificationSent>({
      name: `saga-test-notifications-${id}`,
      partitions: 2,
      schema: objectSchema(['userId', 'channel']),
    }),
  };
}

const fast = { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 5, multiplier: 2, jitter: 'none' } as const;

export function choreographySuite(
  label: string,
  openBus: (defer: Defer) => Promise<Bus>,
  openTarget: OpenTarget,
): void {
  test(`${label}: choreography logs RECEIVED then PROCESSED, emits in the same flow, drops duplicates`, async (t) => {
    const defer = cleanupStack(t);
    const target = await openTarget(defer);
    const bus = await openBus(defer);
    const { users, notifications } = topics();
    await bus.declare([users, notifications]);
    let handled = 0;
    const notifier = await openChoreography({
      bus,
      ...target,
      name: 'user-onboarding',
      consumer: `notifications-${randomUUID()}`,
      retry: fast,
    });
    defer(() => notifier.close());
    await notifier.on(users, async (message, emit) => {
      handled += 1;
      await emit(notifications, {
        key: message.value.userId,
        value: { userId: message.value.userId, channel: 'email' },
        type: 'NotificationSent',
      });
    });
    // Another service of the same flow, recording what the notifier emitted.
    const audit = await openChoreography({
      bus,
      ...target,
      name: 'user-onboarding',
      consumer: `audit-${randomUUID()}`,
      retry: fast,
    });
    defer(() => audit.close());
    await audit.on(notifications, () => Promise.resolve());
    const sent = await collect(bus, notifications);
    defer(() => sent.subscription.close());

    const messageId = randomUUID();
    const correlationId = `flow-${randomUUID()}`;
    const created = { key: 'u-1', value: { userId: 'u-1', email: 'a@example.com' }, type: 'UserCreated', messageId };
    await withCorrelation({ correlationId }, () => bus.publish(users, [created, created]));

    const log = sagaLog(target.executor, target.schema);
    await eventually(async () => (await log.query({ correlationId })).length >= 4, 'both handlers to log the flow');
    const flow = await log.query({ correlationId });
    // The emit is published by the outbox relay only after the notifier's transaction (its inbox row and
    // PROCESSED) commits, so the flow's rows come in strict causal order.
    assert.deepEqual(
      flow.map((e) => `${e.saga} ${e.step} ${e.state}`),
      [
        'user-onboarding UserCreated RECEIVED',
        'user-onboarding UserCreated PROCESSED',
        'user-onboarding NotificationSent RECEIVED',
        'user-onboarding NotificationSent PROCESSED',
      ],
    );
    assert.equal(flow[0]!.sagaId, messageId);
    // The emitted message: a derived id, the flow's correlation, and the handled message as its cause.
    assert.equal(flow[2]!.sagaId, flow[3]!.sagaId);
    assert.notEqual(flow[2]!.sagaId, messageId);
    await eventually(() => sent.received.length === 1, 'the emitted message to be collected');
    const { headers } = sent.received[0]!;
    assert.deepEqual(
      [headers.messageId, headers.correlationId, headers.causationId, headers.type],
      [flow[2]!.sagaId, correlationId, messageId, 'NotificationSent'],
    );
    // The duplicate: delivered too (a third handler sees two), yet handled once and logged once.
    const all = await collect(bus, users);
    defer(() => all.subscription.close());
    await eventually(() => all.received.length === 2, 'both copies to be delivered');
    await eventually(async () => (await log.query({ sagaId: messageId })).length === 2, 'the log of the message');
    assert.equal(handled, 1);
    assert.deepEqual(
      (await log.query({ sagaId: messageId })).map((e) => e.state),
      ['RECEIVED', 'PROCESSED'],
    );
  });

  test(`${label}: choreography logs FAILED on each failed try, the last (or a permanent error) dead-lettered`, async (t) => {
    const defer = cleanupStack(t);
    const target = await openTarget(defer);
    const bus = await openBus(defer);
    const { users } = topics();
    await bus.declare([users]);
    const flow = await openChoreography({
      bus,
      ...target,
      name: 'user-onboarding',
      consumer: `failing-${randomUUID()}`,
      retry: fast,
    });
    defer(() => flow.close());
    let tries = 0;
    await flow.on(users, (message, _emit, tx) => {
      tries += 1;
      const refusal =
        message.value.userId === 'u-3' ? permanentError('no such address') : new Error('mail server refused');
      return tx.query('SELECT 1').then(() => Promise.reject(refusal));
    });
    const dead = await collect(bus, defineTopic({ name: `${users.name}.dlq`, partitions: 2, schema: {} }));
    defer(() => dead.subscription.close());
    const messageId = randomUUID();
    const permanentId = randomUUID();
    await bus.publish(users, [
      { key: 'u-2', value: { userId: 'u-2', email: 'b@example.com' }, type: 'UserCreated', messageId },
      { key: 'u-3', value: { userId: 'u-3', email: 'c@example.com' }, type: 'UserCreated', messageId: permanentId },
    ]);
    const log = sagaLog(target.executor, target.schema);
    await eventually(async () => (await log.query({ sagaId: messageId })).length >= 4, 'two tries to be logged');
    await eventually(() => dead.received.length === 2, 'both messages to be dead-lettered');
    assert.deepEqual(
      (await log.query({ sagaId: permanentId })).map((e) => [e.state, e.attempt, e.error, e.detail?.['deadLettered']]),
      [
        ['RECEIVED', 1, null, undefined],
        ['FAILED', 1, 'no such address', true],
      ],
      'a permanent error is tried once',
    );
    const rows = await log.query({ sagaId: messageId });
    assert.deepEqual(
      rows.map((e) => [e.state, e.attempt, e.error, e.detail?.['deadLettered']]),
      [
        ['RECEIVED', 1, null, undefined],
        ['FAILED', 1, 'mail server refused', false],
        ['RECEIVED', 2, null, undefined],
        ['FAILED', 2, 'mail server refused', true],
      ],
    );
    assert.equal(tries, 3);
    assert.deepEqual((await log.query({ state: 'FAILED', saga: 'user-onboarding' })).length, 3);
  });

  test(`${label}: choreography publishes nothing a handler emitted before it failed, even once dead-lettered`, async (t) => {
    const defer = cleanupStack(t);
    const target = await openTarget(defer);
    const bus = await openBus(defer);
    const { users, notifications } = topics();
    await bus.declare([users, notifications]);
    const flow = await openChoreography({
      bus,
      ...target,
      name: 'user-onboarding',
      consumer: `emit-then-fail-${randomUUID()}`,
      retry: fast,
    });
    defer(() => flow.close());
    let tries = 0;
    await flow.on(users, async (message, emit) => {
      await emit(notifications, {
        key: message.value.userId,
        value: { userId: message.value.userId, channel: 'email' },
        type: 'NotificationSent',
      });
      if (message.value.userId !== 'u-bad') return;
      tries += 1;
      throw new Error('mail server refused');
    });
    const sent = await collect(bus, notifications);
    defer(() => sent.subscription.close());
    const dead = await collect(bus, defineTopic({ name: `${users.name}.dlq`, partitions: 2, schema: {} }));
    defer(() => dead.subscription.close());
    const correlationId = `flow-${randomUUID()}`;
    await withCorrelation({ correlationId }, () =>
      bus.publish(users, [{ key: 'u-bad', value: { userId: 'u-bad', email: 'c@example.com' }, type: 'UserCreated' }]),
    );
    await eventually(() => dead.received.length === 1, 'the message to be dead-lettered');
    assert.equal(tries, fast.maxAttempts);
    // Nothing of the failed tries may come, however long we look (a bounded look).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(sent.received.length, 0);
    // The relay does run: a handler run that commits is published (in commit order, after the failed ones
    // would have been), and it is the only message on the topic.
    await bus.publish(users, [{ key: 'u-ok', value: { userId: 'u-ok', email: 'd@example.com' }, type: 'UserCreated' }]);
    await eventually(() => sent.received.length >= 1, 'the committed emit to be published');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(
      sent.received.map((m) => m.value.userId),
      ['u-ok'],
    );
    const log = sagaLog(target.executor, target.schema);
    assert.deepEqual(
      (await log.query({ correlationId })).map((e) => `${e.step} ${e.state}`),
      ['UserCreated RECEIVED', 'UserCreated FAILED', 'UserCreated RECEIVED', 'UserCreated FAILED'],
    );
  });
}
