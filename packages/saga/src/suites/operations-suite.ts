// Operating the engine: retrying a FAILED saga, graceful hand-over, lease fencing; on PGlite and PostgreSQL.
import assert from 'node:assert/strict';
import test from 'node:test';
import { cleanupStack } from '@eventflow/eventstore/testing';
import { defineSaga } from '../definition/saga.ts';
import { defineStep, type StepPolicy } from '../definition/step.ts';
import { openSagaEngine } from '../engine/engine.ts';
import type { OpenTarget } from '../test-support.ts';
import { sagaSpec } from '../testing/saga-spec.ts';

export function operationsSuite(label: string, openTarget: OpenTarget): void {
  const quick: StepPolicy = { retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 } };

  test(`${label}: retry(id) puts a FAILED saga back to work where it gave up`, async (t) => {
    const defer = cleanupStack(t);
    const target = await openTarget(defer);
    let refundUp = false;
    const refunds: string[] = [];
    const saga = defineSaga({
      name: 'attention',
      steps: [
        defineStep({
          name: 'charge',
          policy: quick,
          action: () => Promise.resolve('charged'),
          compensate: ({ idempotencyKey }) =>
            refundUp ? Promise.resolve(void refunds.push(idempotencyKey)) : Promise.reject(new Error('refunds down')),
        }),
        defineStep({ name: 'ship', policy: quick, action: () => Promise.reject(new Error('no stock')) }),
      ],
    });
    const engine = await openSagaEngine({ ...target, sagas: [saga], pollIntervalMs: 50 });
    defer(() => engine.close());
    const { instance } = await sagaSpec(engine)
      .when('attention', {})
      .then({ status: 'FAILED', error: /refunds down/ });
    assert.equal(instance.currentStep, 'charge');
    assert.equal(await engine.retry('not-there'), false);
    refundUp = true;
    assert.equal(await engine.retry(instance.id), true);
    assert.equal(await engine.retry(instance.id), false, 'no longer FAILED');
    const after = await engine.waitFor(instance.id);
    assert.equal(after.status, 'COMPENSATED');
    assert.deepEqual(refunds, [`${instance.id}:charge:compensate`]);
    const log = await engine.log.query({ sagaId: instance.id });
    const resumed = log.find((entry) => entry.state === 'RESUMED');
    assert.deepEqual(resumed?.detail, { retriedBy: engine.worker, as: 'COMPENSATING' });
    assert.deepEqual(
      log.slice(log.indexOf(resumed)).map((entry) => [entry.step, entry.state, entry.attempt]),
      [
        ['charge', 'RESUMED', null],
        ['charge', 'COMPENSATION_STARTED', 1],
        ['charge', 'COMPENSATION_SUCCEEDED', 1],
        [null, 'COMPENSATED', null],
      ],
    );
  });

  test(`${label}: a worker that stops releases its instance for another worker at once`, async (t) => {
    const defer = cleanupStack(t);
    const target = await openTarget(defer);
    const entered = Promise.withResolvers<void>();
    const release = Promise.withResolvers<void>();
    const saga = defineSaga({
      name: 'handover',
      steps: [
        defineStep({
          name: 'slow',
          policy: quick,
          action: async ({ attempt }) => {
            if (attempt === 1) {
              entered.resolve();
              await release.promise;
            }
            return attempt;
          },
        }),
        defineStep({ name: 'after', policy: quick, action: () => Promise.resolve('done') }),
      ],
    });
    // A long lease: the second worker can only have it because the first released it.
    const first = await openSagaEngine({
      ...target,
      sagas: [saga],
      worker: 'first',
      leaseMs: 600_000,
      pollIntervalMs: 50,
    });
    const second = await openSagaEngine({
      ...target,
      sagas: [saga],
      worker: 'second',
      leaseMs: 600_000,
      pollIntervalMs: 50,
    });
    defer(() => second.close());
    defer(() => first.close());
    first.startWorker();
    const { id } = await first.start('handover', {});
    await entered.promise;
    const stopping = first.stopWorker();
    release.resolve();
    await stopping;
    second.startWorker();
    const done = await second.waitFor(id);
    assert.equal(done.status, 'COMPLETED');
    const log = await second.log.query({ sagaId: id });
    assert.deepEqual(
      log.map((entry) => [entry.step, entry.state, entry.worker]),
      [
        [null, 'STARTED', 'first'],
        ['slow', 'STEP_STARTED', 'first'],
        ['slow', 'STEP_SUCCEEDED', 'first'],
        ['after', 'STEP_STARTED', 'second'],
        ['after', 'STEP_SUCCEEDED', 'second'],
        [null, 'COMPLETED', 'second'],
      ],
    );
  });

  test(`${label}: a worker that lost its lease is fenced off — its step is aborted and it writes nothing more`, async (t) => {
    const defer = cleanupStack(t);
    const target = await openTarget(defer);
    const entered = Promise.withResolvers<void>();
    const aborted = Promise.withResolvers<unknown>();
    const saga = defineSaga({
      name: 'fenced',
      steps: [
        defineStep({
          name: 'long',
          policy: { ...quick, timeoutMs: 60_000 },
          action: ({ signal }) => {
            entered.resolve();
            signal.addEventListener('abort', () => aborted.resolve(signal.reason), { once: true });
            return new Promise(() => undefined);
          },
        }),
      ],
    });
    const errors: unknown[] = [];
    const engine = await openSagaEngine({
      ...target,
      sagas: [saga],
      worker: 'slow-worker',
      leaseMs: 300,
      pollIntervalMs: 50,
      onError: (error) => errors.push(error),
    });
    defer(() => engine.close());
    engine.startWorker();
    const { id } = await engine.start('fenced', {});
    await entered.promise;
    // Another worker takes the instance over (as after a pause longer than the lease).
    await target.executor.query(`UPDATE "${target.schema}".saga_instances SET lease_owner = 'thief' WHERE id = $1`, [
      id,
    ]);
    const reason = (await aborted.promise) as { code?: string };
    assert.equal(reason.code, 'SAGA.LEASE_LOST');
    await engine.stopWorker();
    const log = await engine.log.query({ sagaId: id });
    assert.deepEqual(
      log.map((entry) => entry.state),
      ['STARTED', 'STEP_STARTED'],
    );
    const instance = await engine.get(id);
    assert.equal(instance?.leaseOwner, 'thief');
    assert.equal(instance?.status, 'RUNNING');
    assert.ok(errors.some((error) => (error as { code?: string }).code === 'SAGA.LEASE_LOST'));
  });
}
