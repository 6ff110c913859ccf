import { defineStep } from '../../definition/step.ts';
import type { OrderCreated, OrderServices } from './order.ts';

export const reserveInventory = ({ inventory }: OrderServices) =>
  defineStep<OrderCreated, { reserved: number }>({
    name: 'reserve-inventory',
    policy: { retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 5_000 },
    async action({ input, idempotencyKey, signal }) {
      await inventory.call('reserveItems', idempotencyKey, input.items, signal);
      return { reserved: input.items.length };
    },
    async compensate({ input, idempotencyKey, signal }) {
      await inventory.call('releaseItems', idempotencyKey, input.orderId, signal);
    },
  });
