import { defineStep } from '@eventflow/saga';
import type { OrderCreated, OrderServices } from './order.ts';

export const confirmOrder = ({ orders }: OrderServices) =>
  defineStep<OrderCreated, null>({
    name: 'confirm-order',
    policy: { retry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 2_000 }, timeoutMs: 5_000 },
    async action({ input, idempotencyKey, signal }) {
      await orders.confirm(input.orderId, { idempotencyKey, signal });
      return null;
    },
    async compensate({ input, idempotencyKey, signal }) {
      await orders.cancel(input.orderId, { idempotencyKey, signal });
    },
  });
