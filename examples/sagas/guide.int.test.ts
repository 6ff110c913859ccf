// The worked example of docs/sagas.md, run on PGlite and on PostgreSQL (a throwaway database): every
// result the guide shows is asserted here, so the guide stays true.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SqlDatabase } from '@eventflow/eventstore';
import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { openSagaEngine, permanentError } from '@eventflow/saga';
import { sagaSpec } from '@eventflow/saga/testing';
import { withThrowawayDatabase } from '../throwaway-database.ts';
import { fakeOrderServices } from './fake-services.ts';
import type { OrderCreated } from './order.ts';
import { orderSaga } from './order-saga.ts';

const orderCreated = (orderId: string): OrderCreated => ({
  orderId,
  customerId: 'user-456',
  items: [{ productId: 'prod-1', quantity: 2 }],
  totalAmount: 42,
});

/** "Running a saga from a script or a test". */
async function script(db: SqlDatabase): Promise<void> {
  const { services } = fakeOrderServices(); // your real clients outside a test
  const event: OrderCreated = {
    orderId: '123',
    customerId: 'user-456',
    items: [{ productId: 'prod-1', quantity: 2 }],
    totalAmount: 42,
  };

  const engine = await openSagaEngine({ executor: db, schema: 'orders', sagas: [orderSaga(services)] });
  engine.startWorker(); // openSagaEngine starts no worker: without one, nothing runs the saga
  try {
    const started = await engine.start('order', event, { id: `order-${event.orderId}` });
    assert.deepEqual(started, { id: 'order-123', created: true });
    const again = await engine.start('order', event, { id: `order-${event.orderId}` });
    assert.deepEqual(again, { id: 'order-123', created: false });
    const done = await engine.waitFor(started.id, { timeoutMs: 10_000 });
    assert.equal(done.status, 'COMPLETED');
    assert.deepEqual(done.data.outputs, {
      'reserve-inventory': { reserved: 1 },
      'process-payment': { charged: 42 },
      'confirm-order': null,
    });
    assert.deepEqual(done.data.completed, ['reserve-inventory', 'process-payment', 'confirm-order']);
    const now = await engine.get(started.id); // the same shape; undefined for an unknown id
    assert.deepEqual(now, done);
    assert.equal(await engine.get('no-such-id'), undefined);
    const anonymous = await engine.start('order', orderCreated('order-9'));
    assert.match(anonymous.id, /^[0-9a-f-]{36}$/);
    assert.equal((await engine.waitFor(anonymous.id)).status, 'COMPLETED');

    // The log, as engine.log.query returns it (camelCase).
    const log = await engine.log.query({ sagaId: started.id });
    assert.deepEqual(
      log.map((entry) => [entry.state, entry.step, entry.attempt]),
      [
        ['STARTED', null, null],
        ['STEP_STARTED', 'reserve-inventory', 1],
        ['STEP_SUCCEEDED', 'reserve-inventory', 1],
        ['STEP_STARTED', 'process-payment', 1],
        ['STEP_SUCCEEDED', 'process-payment', 1],
        ['STEP_STARTED', 'confirm-order', 1],
        ['STEP_SUCCEEDED', 'confirm-order', 1],
        ['COMPLETED', null, null],
      ],
    );
    const succeeded = log.find((entry) => entry.state === 'STEP_SUCCEEDED')!;
    assert.deepEqual(Object.keys(succeeded), [
      'id',
      'sagaId',
      'saga',
      'step',
      'state',
      'attempt',
      'error',
      'durationMs',
      'detail',
      'worker',
      'correlationId',
      'at',
    ]);
    assert.equal(succeeded.sagaId, 'order-123');
    assert.equal(typeof succeeded.durationMs, 'number');
    assert.equal(succeeded.worker, engine.worker);
    assert.equal(succeeded.correlationId, done.correlationId);
  } finally {
    await engine.stopWorker(); // or engine.close(): the attempts in flight finish, nothing new is claimed
  }
  // The tables exist in the schema you named, created by openSagaEngine.
  const tables = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'orders' ORDER BY table_name",
  );
  assert.deepEqual(
    tables.map((row) => row.table_name),
    ['saga_instances', 'saga_log', 'saga_migrations'],
  );
}

/** "Testing sagas". */
async function specs(db: SqlDatabase): Promise<void> {
  const { inventory, payments, orders, services } = fakeOrderServices();
  const engine = await openSagaEngine({ executor: db, schema: 'orders_test', sagas: [orderSaga(services)] });
  try {
    // The payment service is down: process-payment's 2 tries fail, then everything done is undone.
    await sagaSpec(engine)
      .given(() => payments.fail('charge', new Error('payments unavailable')))
      .when('order', orderCreated('order-124'))
      .then(
        {
          status: 'COMPENSATED',
          completed: ['reserve-inventory'],
          compensated: ['process-payment', 'reserve-inventory'],
          error: /payments unavailable/,
        },
        ({ log }) => {
          const failed = log.filter((entry) => entry.state === 'STEP_FAILED');
          assert.deepEqual(
            failed.map((entry) => entry.attempt),
            [1, 2],
          );
        },
      );
    assert.ok(inventory.called('release'));
    assert.ok(payments.called('refund')); // refund is not failed: only `charge` was
    assert.equal(orders.called('confirm'), false);

    // A declined card is permanent: one try, then compensation.
    const declined = Object.assign(new Error('card declined'), { code: 'PAYMENT.DECLINED' });
    await sagaSpec(engine)
      .given(() => payments.fail('charge', declined))
      .when('order', orderCreated('order-125'))
      .then({ status: 'COMPENSATED', error: /PAYMENT\.DECLINED: card declined/ }, ({ log }) => {
        const failed = log.filter((entry) => entry.state === 'STEP_FAILED');
        assert.deepEqual(
          failed.map((entry) => [entry.attempt, entry.detail]),
          [[1, { retryable: false, triesLeft: 1 }]],
        );
      });

    // permanentError needs no policy: an error with retryable: false is not retried. The third
    // argument of fail is how many calls fail (default: all of them): here only the next one.
    const outOfStock = permanentError('out of stock', { code: 'INVENTORY.OUT_OF_STOCK' });
    await sagaSpec(engine)
      .given(() => inventory.fail('reserve', outOfStock, 1))
      .when('order', orderCreated('order-126'))
      .then({ status: 'COMPENSATED', completed: [], error: /INVENTORY\.OUT_OF_STOCK/ });
    assert.deepEqual(
      inventory
        .calls('reserve')
        .filter((call) => (call.args as { orderId: string }).orderId === 'order-126')
        .map((call) => call.outcome),
      ['failed'],
    );

    // One failed charge, then a good one (the second try): the order completes.
    await sagaSpec(engine)
      .given(() => payments.fail('charge', new Error('timeout'), 1))
      .when('order', orderCreated('order-127'))
      .then({ status: 'COMPLETED', completed: ['reserve-inventory', 'process-payment', 'confirm-order'] });
    assert.deepEqual(
      payments
        .calls('charge')
        .filter((call) => (call.args as { orderId: string }).orderId === 'order-127')
        .map((call) => call.outcome),
      ['failed', 'ok'],
    );
  } finally {
    await engine.close();
  }
}

test('the sagas guide’s example, on PGlite (embedded)', async () => {
  const db = await openPGliteDatabase();
  try {
    await script(db);
    await specs(db);
  } finally {
    await db.close();
  }
});

test('the sagas guide’s example, on PostgreSQL', () =>
  withThrowawayDatabase('saga_doc_example', async (db) => {
    await script(db);
    await specs(db);
  }));
