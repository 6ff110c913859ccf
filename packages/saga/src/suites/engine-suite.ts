// The engine's behaviour, run on PGlite (engine.test.ts) and on PostgreSQL (engine.int.test.ts).
import assert from 'node:assert/strict';
import test from 'node:test';
import { currentCorrelation } from '@eventflow/correlation';
import { cleanupStack, type Defer } from '@eventflow/eventstore/testing';
import { defineSaga } from '../definition/saga.ts';
import { defineStep, type StepPolicy } from '../definition/step.ts';
import { permanentError } from '@eventflow/bus';
import { openSagaEngine, type SagaEngine } from '../engine/engine.ts';
import type { SagaEngineOptions } from '../engine/options.ts';
import { orderCreated, orderSaga } from '../example/order/order-saga.ts';
import type { OpenTarget } from '../test-support.ts';
import { fakeService } from '../testing/fake-service.ts';
import { sagaSpec } from '../testing/saga-spec.ts';

type EngineOptions = Omit<SagaEngineOptions, 'executor' | 'schema'>;

export function engineSuite(label: string, openTarget: OpenTarget): void {
  async function engineOn(defer: Defer, options: EngineOptions): Promise<SagaEngine> {
    const target = await openTarget(defer);
    const engine = await openSagaEngine({ pollIntervalMs: 50, ...options, ...target });
    defer(() => engine.close());
    return engine;
  }

  function orderWorld() {
    const services = {
      inventory: fakeService('inventory'),
      payments: fakeService('payments'),
      orders: fakeService('orders'),
    };
    return { services, saga: orderSaga(services) };
  }

  const quick: StepPolicy = { retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 } };
  const noop = (name: string, policy: StepPolicy = quick) =>
    defineStep({ name, policy, action: () => Promise.resolve(name) });

  test(`${label}: OrderSaga should complete successfully`, async (t) => {
    const { services, saga } = orderWorld();
    const engine = await engineOn(cleanupStack(t), { sagas: [saga] });
    await sagaSpec(engine)
      .when('order', orderCreated('order-123'))
      .then({
        status: 'COMPLETED',
        completed: ['reserve-inventory', 'process-payment', 'confirm-order'],
        compensated: [],
      });
    assert.ok(services.inventory.called('reserveItems'));
    assert.ok(services.payments.called('processPayment'));
    assert.ok(services.orders.called('confirmOrder'));
    assert.equal(services.inventory.called('releaseItems'), false);
  });

  test(`${label}: OrderSaga should compensate on failure (payment fails)`, async (t) => {
    const { services, saga } = orderWorld();
    const engine = await engineOn(cleanupStack(t), { sagas: [saga] });
    await sagaSpec(engine)
      .given(() => services.payments.fail('processPayment', new Error('Payment failed')))
      .when('order', orderCreated('order-124'))
      .then(
        {
          status: 'COMPENSATED',
          completed: ['reserve-inventory'],
          compensated: ['process-payment', 'reserve-inventory'],
          error: /Payment failed/,
        },
        ({ log }) => {
          // Both payment attempts were tried (its policy says 2), then compensation began.
          const failed = log.filter((entry) => entry.state === 'STEP_FAILED').map((entry) => entry.attempt);
          assert.deepEqual(failed, [1, 2]);
        },
      );
    assert.ok(services.inventory.called('releaseItems'));
    assert.ok(services.payments.called('refundPayment'));
    assert.equal(services.orders.called('confirmOrder'), false);
  });

  test(`${label}: a failed step is retried with the backoff of its policy, persisted as next_run_at`, async (t) => {
    let calls = 0;
    const saga = defineSaga({
      name: 'flaky',
      steps: [
        defineStep({
          name: 'flaky-step',
          policy: { retry: { maxAttempts: 3, initialDelayMs: 40, maxDelayMs: 1000, multiplier: 2, jitter: 'none' } },
          action: () => (++calls < 3 ? Promise.reject(new Error(`try ${calls}`)) : Promise.resolve('ok')),
        }),
      ],
    });
    const engine = await engineOn(cleanupStack(t), { sagas: [saga] });
    const { log, instance } = await sagaSpec(engine)
      .when('flaky', {})
      .then({ status: 'COMPLETED', completed: ['flaky-step'] });
    assert.equal(instance.data.outputs['flaky-step'], 'ok');
    const failures = log.filter((entry) => entry.state === 'STEP_FAILED');
    assert.deepEqual(
      failures.map((entry) => [entry.attempt, entry.error, entry.detail?.['retryInMs']]),
      [
        [1, 'try 1', 40],
        [2, 'try 2', 80],
      ],
    );
    const starts = log.filter((entry) => entry.state === 'STEP_STARTED');
    assert.deepEqual(
      starts.map((entry) => entry.attempt),
      [1, 2, 3],
    );
    // The retry did not run before it was due (database clock on both rows).
    for (const [i, failure] of failures.entries()) {
      const next = starts[i + 1]!;
      assert.ok(Date.parse(next.at) - Date.parse(failure.at) >= Number(failure.detail?.['retryInMs']) - 1);
    }
  });

  test(`${label}: an attempt over its timeoutMs is aborted and counts as a failed attempt`, async (t) => {
    const remote = fakeService('slow');
    remote.hang('call');
    const saga = defineSaga({
      name: 'slow',
      steps: [
        defineStep({
          name: 'hangs',
          policy: { timeoutMs: 50, retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 1 } },
          action: ({ idempotencyKey, signal }) => remote.call('call', idempotencyKey, null, signal),
        }),
      ],
    });
    const engine = await engineOn(cleanupStack(t), { sagas: [saga] });
    const { log } = await sagaSpec(engine)
      .when('slow', {})
      .then({ status: 'COMPENSATED', error: /SAGA\.STEP_TIMEOUT/ });
    assert.deepEqual(
      remote.calls().map((call) => call.outcome),
      ['aborted', 'aborted'],
    );
    assert.equal(log.filter((entry) => entry.state === 'STEP_FAILED' && /timed out/.test(entry.error ?? '')).length, 2);
  });

  test(`${label}: compensations run in reverse order and are retried per their policy`, async (t) => {
    const undone: string[] = [];
    let flakyUndo = 0;
    const step = (name: string, undo: () => Promise<void>) =>
      defineStep({
        name,
        policy: quick,
        compensationPolicy: { retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 5 } },
        action: () => Promise.resolve(name),
        compensate: async ({ output }) => {
          assert.equal(output, name);
          await undo();
          undone.push(name);
        },
      });
    const saga = defineSaga({
      name: 'reverse',
      steps: [
        step('one', () => Promise.resolve()),
        step('two', () => (++flakyUndo < 3 ? Promise.reject(new Error('undo failed')) : Promise.resolve())),
        step('three', () => Promise.resolve()),
        defineStep({ name: 'four', policy: quick, action: () => Promise.reject(new Error('four fails')) }),
      ],
    });
    const engine = await engineOn(cleanupStack(t), { sagas: [saga] });
    const { log } = await sagaSpec(engine)
      .when('reverse', {})
      .then({ status: 'COMPENSATED', completed: ['one', 'two', 'three'], compensated: ['three', 'two', 'one'] });
    assert.deepEqual(undone, ['three', 'two', 'one']);
    const twoFailures = log.filter((entry) => entry.step === 'two' && entry.state === 'COMPENSATION_FAILED');
    assert.deepEqual(
      twoFailures.map((entry) => entry.attempt),
      [1, 2],
    );
  });

  test(`${label}: a compensation that keeps failing leaves the saga FAILED (needs attention), said in the log`, async (t) => {
    const saga = defineSaga({
      name: 'stuck',
      steps: [
        defineStep({
          name: 'one',
          policy: quick,
          action: () => Promise.resolve(1),
          compensate: () => Promise.resolve(),
        }),
        defineStep({
          name: 'two',
          policy: quick,
          compensationPolicy: { retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 1 } },
          action: () => Promise.resolve(2),
          compensate: () => Promise.reject(new Error('refund service down')),
        }),
        defineStep({ name: 'three', policy: quick, action: () => Promise.reject(new Error('three fails')) }),
      ],
    });
    const engine = await engineOn(cleanupStack(t), { sagas: [saga] });
    const { log } = await sagaSpec(engine)
      .when('stuck', {})
      .then({ status: 'FAILED', compensated: [], error: /compensation of two gave up: refund service down/ });
    assert.deepEqual(
      log.filter((e) => e.state === 'COMPENSATION_FAILED').map((e) => e.attempt),
      [1, 2],
    );
    assert.equal(log.at(-1)?.state, 'FAILED');
  });

  test(`${label}: a step marked undoable: false is the pivot — a later failure goes to FAILED, nothing undone`, async (t) => {
    const undone: string[] = [];
    const saga = defineSaga({
      name: 'pivot',
      steps: [
        defineStep({
          name: 'reserve',
          policy: quick,
          action: () => Promise.resolve(1),
          compensate: () => Promise.resolve(void undone.push('reserve')),
        }),
        defineStep({ name: 'ship', policy: quick, undoable: false, action: () => Promise.resolve(2) }),
        defineStep({
          name: 'notify',
          policy: { retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 1 } },
          action: () => Promise.reject(new Error('mailer down')),
        }),
      ],
    });
    const engine = await engineOn(cleanupStack(t), { sagas: [saga] });
    const { log } = await sagaSpec(engine)
      .when('pivot', {})
      .then({
        status: 'FAILED',
        completed: ['reserve', 'ship'],
        compensated: [],
        error: /notify gave up after ship, which cannot be undone/,
      });
    assert.deepEqual(undone, []);
    assert.equal(log.filter((e) => e.state === 'STEP_FAILED').length, 3);
  });

  test(`${label}: start is idempotent by id, refuses another saga's id, and can join the caller's transaction`, async (t) => {
    const defer = cleanupStack(t);
    const target = await openTarget(defer);
    const one = defineSaga({ name: 'one', steps: [noop('a')] });
    const two = defineSaga({ name: 'two', steps: [noop('b')] });
    const engine = await openSagaEngine({ ...target, sagas: [one, two], pollIntervalMs: 50 });
    defer(() => engine.close());
    assert.deepEqual(await engine.start('one', {}, { id: 'fixed' }), { id: 'fixed', created: true });
    assert.deepEqual(await engine.start('one', {}, { id: 'fixed' }), { id: 'fixed', created: false });
    await assert.rejects(engine.start('two', {}, { id: 'fixed' }), { code: 'SAGA.ID_CONFLICT' });
    await assert.rejects(engine.start('nope', {}), { code: 'SAGA.UNKNOWN_SAGA' });
    await assert.rejects(
      target.executor.transaction(async (tx) => {
        await engine.start('one', {}, { id: 'rolled-back', tx });
        throw new Error('caller fails');
      }),
      /caller fails/,
    );
    assert.equal(await engine.get('rolled-back'), undefined);
    await target.executor.transaction((tx) => engine.start('one', {}, { id: 'committed', tx }));
    engine.startWorker();
    assert.equal((await engine.waitFor('committed')).status, 'COMPLETED');
    assert.equal((await engine.waitFor('fixed')).status, 'COMPLETED');
  });

  test(`${label}: a step runs in the saga's correlation, with its idempotency key and the earlier outputs`, async (t) => {
    const seen: unknown[] = [];
    const saga = defineSaga<{ n: number }>({
      name: 'context',
      steps: [
        defineStep({ name: 'first', policy: quick, action: ({ input }) => Promise.resolve({ doubled: input.n * 2 }) }),
        defineStep({
          name: 'second',
          policy: quick,
          action: (ctx) => {
            seen.push([ctx.idempotencyKey, ctx.outputs['first'], ctx.correlationId, currentCorrelation()]);
            return Promise.resolve(null);
          },
        }),
      ],
    });
    const engine = await engineOn(cleanupStack(t), { sagas: [saga] });
    const { instance } = await sagaSpec(engine)
      .when('context', { n: 21 }, { id: 'ctx-1', correlationId: 'flow-77' })
      .then({ status: 'COMPLETED' });
    assert.deepEqual(seen, [
      ['ctx-1:second', { doubled: 42 }, 'flow-77', { correlationId: 'flow-77', causationId: 'ctx-1' }],
    ]);
    assert.equal(instance.correlationId, 'flow-77');
    const byFlow = await engine.log.query({ correlationId: 'flow-77' });
    assert.equal(byFlow.length, 6);
    assert.deepEqual(
      (await engine.log.query({ correlationId: 'flow-77', state: 'COMPLETED' })).map((e) => e.sagaId),
      ['ctx-1'],
    );
  });

  test(`${label}: workers sharing a schema never run the same step of an instance twice`, async (t) => {
    const defer = cleanupStack(t);
    const target = await openTarget(defer);
    const runs = new Map<string, number>();
    const byWorker = new Map<string, number>();
    const counted = (name: string) =>
      defineStep({
        name,
        policy: quick,
        action: async ({ idempotencyKey }) => {
          runs.set(idempotencyKey, (runs.get(idempotencyKey) ?? 0) + 1);
          await new Promise((resolve) => setImmediate(resolve));
          return null;
        },
      });
    const saga = defineSaga({ name: 'shared', steps: [counted('a'), counted('b'), counted('c')] });
    const engines = await Promise.all(
      ['w1', 'w2', 'w3'].map(async (worker) => {
        const engine = await openSagaEngine({
          ...target,
          sagas: [saga],
          worker,
          pollIntervalMs: 20,
          concurrency: 4,
          observer: { finished: () => byWorker.set(worker, (byWorker.get(worker) ?? 0) + 1) },
        });
        defer(() => engine.close());
        return engine;
      }),
    );
    const ids = await Promise.all(
      Array.from({ length: 30 }, (_, i) => engines[i % 3]!.start('shared', { i }).then((s) => s.id)),
    );
    for (const engine of engines) engine.startWorker();
    for (const id of ids) assert.equal((await engines[0]!.waitFor(id)).status, 'COMPLETED');
    assert.equal(runs.size, 90);
    assert.deepEqual([...new Set(runs.values())], [1]);
    assert.equal(
      [...byWorker.values()].reduce((a, b) => a + b, 0),
      30,
    );
  });

  test(`${label}: a permanent error skips the remaining tries and compensates at once, said in the log`, async (t) => {
    const undone: string[] = [];
    const told: unknown[] = [];
    let charges = 0;
    const five: StepPolicy = { retry: { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 1000 } };
    const saga = defineSaga({
      name: 'declined',
      steps: [
        defineStep({
          name: 'reserve',
          policy: five,
          action: () => Promise.resolve('reserved'),
          compensate: ({ failure }) => {
            undone.push('reserve');
            told.push(failure);
            return Promise.resolve();
          },
        }),
        defineStep({
          name: 'charge',
          policy: five,
          action: () => {
            charges += 1;
            return Promise.reject(permanentError('card declined', { code: 'PAYMENT.DECLINED' }));
          },
          compensate: () => Promise.resolve(void undone.push('charge')),
        }),
      ],
    });
    const engine = await engineOn(cleanupStack(t), { sagas: [saga] });
    const { log } = await sagaSpec(engine)
      .when('declined', {})
      .then({
        status: 'COMPENSATED',
        completed: ['reserve'],
        compensated: ['charge', 'reserve'],
        error: /charge: PAYMENT\.DECLINED: card declined/,
      });
    assert.equal(charges, 1);
    assert.deepEqual(undone, ['charge', 'reserve']);
    // Compensations are told the failure as data: no parsing of the text to branch on the code.
    assert.deepEqual(told, [{ step: 'charge', code: 'PAYMENT.DECLINED', message: 'card declined' }]);
    const failed = log.filter((entry) => entry.state === 'STEP_FAILED');
    assert.deepEqual(
      failed.map((entry) => [entry.step, entry.attempt, entry.error, entry.detail]),
      [['charge', 1, 'PAYMENT.DECLINED: card declined', { retryable: false, triesLeft: 4 }]],
    );
  });

  test(`${label}: policy.retryable decides which errors are retried, for steps and compensations`, async (t) => {
    const calls: string[] = [];
    const refusal = (message: string) => Object.assign(new Error(message), { code: 'SHOP.REFUSED' });
    const policy: StepPolicy = {
      retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 1 },
      retryable: (error) => (error as { code?: string }).code !== 'SHOP.REFUSED',
    };
    const saga = defineSaga({
      name: 'refused',
      steps: [
        defineStep({
          name: 'one',
          policy,
          action: () => Promise.resolve(1),
          compensate: () => {
            calls.push('undo one');
            return Promise.reject(refusal('cannot undo one'));
          },
        }),
        defineStep({
          name: 'two',
          policy,
          action: () => {
            calls.push('two');
            // A network error first (retried), then a refusal (not).
            return Promise.reject(calls.length === 1 ? new Error('connection reset') : refusal('no'));
          },
        }),
      ],
    });
    const engine = await engineOn(cleanupStack(t), { sagas: [saga] });
    const { log } = await sagaSpec(engine)
      .when('refused', {})
      .then({
        status: 'FAILED',
        completed: ['one'],
        error: /compensation of one gave up: SHOP.REFUSED: cannot undo one/,
      });
    assert.deepEqual(calls, ['two', 'two', 'undo one']);
    assert.deepEqual(
      log
        .filter((entry) => entry.state.endsWith('_FAILED'))
        .map((entry) => [entry.state, entry.attempt, entry.detail?.['retryable'] ?? true]),
      [
        ['STEP_FAILED', 1, true],
        ['STEP_FAILED', 2, false],
        ['COMPENSATION_FAILED', 1, false],
      ],
    );
  });

  test(`${label}: waitFor says so when no worker runs in this process`, async (t) => {
    const saga = defineSaga({ name: 'idle', steps: [noop('a')] });
    const engine = await engineOn(cleanupStack(t), { sagas: [saga] });
    const { id } = await engine.start('idle', {});
    assert.equal((await engine.get(id))?.status, 'RUNNING');
    await assert.rejects(engine.waitFor(id, { timeoutMs: 100 }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'SAGA.WAIT_TIMEOUT');
      assert.match(error.message, /\(RUNNING\); no saga worker runs in this process: call engine\.startWorker\(\)/);
      return true;
    });
    engine.startWorker();
    assert.equal((await engine.waitFor(id)).status, 'COMPLETED');
  });
}
