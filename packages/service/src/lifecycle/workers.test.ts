import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildService } from '../build.ts';
import type { WorkerContext } from '../definition.ts';
import { recordingWorker } from '../testing/index.ts';
import { worker } from './workers.ts';

test('workers start in order when the app becomes ready and close newest first (a running one last)', async () => {
  const events: string[] = [];
  const alreadyRunning = { name: 'poller', close: () => Promise.resolve(void events.push('poller closed')) };
  const workers = [recordingWorker('orders', events), recordingWorker('payments', events), alreadyRunning];
  const app = buildService({ name: 'shop', routes: [], workers }, { logger: false });

  await app.ready();
  assert.deepEqual(events, ['orders started', 'payments started']);
  await app.close();

  assert.deepEqual(events.slice(2), ['payments closed', 'orders closed', 'poller closed']);
});

test('worker() starts from the kit context and closes what its start returned', async () => {
  let context: WorkerContext | undefined;
  let closed = 0;
  const consumer = worker('billing', (given) => {
    context = given;
    return Promise.resolve({ close: () => Promise.resolve(void (closed += 1)) });
  });
  const app = buildService({ name: 'billing', routes: [], workers: [consumer] }, { logger: false });

  await app.ready();
  assert.equal(context?.metrics, app.metrics);
  await app.close();

  assert.equal(closed, 1);
});

test('a worker that fails to start fails ready(), so the service never listens half-started', async () => {
  const failing = worker('broken', () => Promise.reject(new Error('group coordinator not available')));
  const app = buildService({ name: 'broken', routes: [], workers: [failing] }, { logger: false });

  await assert.rejects(async () => {
    await app.ready();
  }, /group coordinator not available/);
  await app.close();
});
