import { defineStep } from '@eventflow/saga';
import type { OrderCreated, OrderServices } from './order.ts';

export const reserveInventory = ({ inventory }: OrderServices) =>
  defineStep<OrderCreated, { reserved: number }>({
    name: 'reserve-inventory',
    policy: { retry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 2_000 }, timeoutMs: 5_000 },
    async action({ input, idempotencyKey, signal }) {
      await inventory.reserve(input.orderId, input.items, { idempotencyKey, signal });
      return { reserved: input.items.length };
    },
    async compensate({ input, idempotencyKey, signal }) {
      await inventory.release(input.orderId, { idempotencyKey, signal });
    },
  });
