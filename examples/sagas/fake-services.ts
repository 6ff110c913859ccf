// The order saga's services as fakes (`@eventflow/saga/testing`), for tests: each client method is one
// fake method, and a compensation calls a method of its own (release, refund, cancel), so failing
// `charge` in a test does not also fail the refund.
import { fakeService } from '@eventflow/saga/testing';
import type { OrderServices } from './order.ts';

export function fakeOrderServices() {
  const inventory = fakeService('inventory');
  const payments = fakeService('payments');
  const orders = fakeService('orders');
  const services: OrderServices = {
    inventory: {
      reserve: (orderId, items, { idempotencyKey, signal }) =>
        inventory.call('reserve', idempotencyKey, { orderId, items }, signal),
      release: (orderId, { idempotencyKey, signal }) => inventory.call('release', idempotencyKey, { orderId }, signal),
    },
    payments: {
      charge: (orderId, amount, { idempotencyKey, signal }) =>
        payments.call('charge', idempotencyKey, { orderId, amount }, signal),
      refund: (orderId, { idempotencyKey, signal }) => payments.call('refund', idempotencyKey, { orderId }, signal),
    },
    orders: {
      confirm: (orderId, { idempotencyKey, signal }) => orders.call('confirm', idempotencyKey, { orderId }, signal),
      cancel: (orderId, { idempotencyKey, signal }) => orders.call('cancel', idempotencyKey, { orderId }, signal),
    },
  };
  return { inventory, payments, orders, services };
}
