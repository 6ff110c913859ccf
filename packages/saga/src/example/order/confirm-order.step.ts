import { defineStep } from '../../definition/step.ts';
import type { OrderCreated, OrderServices } from './order.ts';

export const confirmOrder = ({ orders }: OrderServices) =>
  defineStep<OrderCreated, null>({
    name: 'confirm-order',
    policy: { retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 5_000 },
    async action({ input, idempotencyKey, signal }) {
      await orders.call('confirmOrder', idempotencyKey, input.orderId, signal);
      return null;
    },
    async compensate({ input, idempotencyKey, signal }) {
      await orders.call('cancelOrder', idempotencyKey, input.orderId, signal);
    },
  });
