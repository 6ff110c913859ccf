import assert from 'node:assert/strict';
import test, { after } from 'node:test';
import { cleanupStack } from '@eventflow/eventstore/testing';
import { buildService } from '@eventflow/service';
import { assertProblem, injectJson, metricValue } from '@eventflow/service/testing';
import { defineSaga } from '../definition/saga.ts';
import { defineStep } from '../definition/step.ts';
import { openSagaEngine } from '../engine/engine.ts';
import type { SagaLogEntry } from '../log/saga-log.ts';
import { pgliteTargets } from '../test-support.ts';
import { sagaLogRoutes } from './saga-log-routes.ts';

const pglite = pgliteTargets();
after(() => pglite.close());

test('a kit service serves /saga/logs and reports its sagas in /metrics', async (t) => {
  const defer = cleanupStack(t);
  const target = await pglite.open(defer);
  const saga = defineSaga({
    name: 'greet',
    steps: [
      defineStep({ name: 'hello', action: () => Promise.resolve('hi') }),
      defineStep({ name: 'bye', action: () => Promise.resolve('bye') }),
    ],
  });
  const engine = await openSagaEngine({ ...target, sagas: [saga], pollIntervalMs: 50 });
  const app = buildService(
    { name: 'saga-log', routes: [sagaLogRoutes(engine.log)], workers: [engine.serviceWorker()] },
    { logger: false, defaultMetrics: false },
  );
  defer(() => app.close());
  await app.ready();
  const { id } = await engine.start('greet', {}, { correlationId: 'flow-http-1' });
  assert.equal((await engine.waitFor(id)).status, 'COMPLETED');

  const all = await injectJson<{ entries: SagaLogEntry[] }>(app, {
    method: 'GET',
    url: '/saga/logs?correlationId=flow-http-1',
  });
  assert.equal(all.statusCode, 200);
  assert.deepEqual(
    all.body.entries.map((e) => [e.step, e.state]),
    [
      [null, 'STARTED'],
      ['hello', 'STEP_STARTED'],
      ['hello', 'STEP_SUCCEEDED'],
      ['bye', 'STEP_STARTED'],
      ['bye', 'STEP_SUCCEEDED'],
      [null, 'COMPLETED'],
    ],
  );
  assert.ok(all.body.entries.every((e) => e.sagaId === id && e.correlationId === 'flow-http-1'));
  const done = await injectJson<{ entries: SagaLogEntry[] }>(app, {
    method: 'GET',
    url: '/saga/logs?state=COMPLETED&limit=5',
  });
  assert.deepEqual(
    done.body.entries.map((e) => e.sagaId),
    [id],
  );
  const paged = await injectJson<{ entries: SagaLogEntry[] }>(app, {
    method: 'GET',
    url: `/saga/logs?sagaId=${id}&after=${all.body.entries[3]!.id}`,
  });
  assert.deepEqual(
    paged.body.entries.map((e) => e.state),
    ['STEP_SUCCEEDED', 'COMPLETED'],
  );
  assertProblem(await injectJson(app, { method: 'GET', url: '/saga/logs?state=NOPE' }), {
    status: 400,
    code: 'REQUEST.VALIDATION_FAILED',
  });

  assert.equal(
    await metricValue(app.metrics.registry, 'saga_finished_total', { saga: 'greet', status: 'COMPLETED' }),
    1,
  );
  assert.equal(
    await metricValue(
      app.metrics.registry,
      'saga_step_duration_seconds',
      { saga: 'greet', step: 'bye', outcome: 'ok' },
      '_count',
    ),
    1,
  );
});
