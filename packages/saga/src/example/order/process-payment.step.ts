import { defineStep } from '../../definition/step.ts';
import type { OrderCreated, OrderServices } from './order.ts';

export const processPayment = ({ payments }: OrderServices) =>
  defineStep<OrderCreated, { charged: number }>({
    name: 'process-payment',
    policy: { retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 5_000 },
    async action({ input, idempotencyKey, signal }) {
      await payments.call('processPayment', idempotencyKey, input.totalAmount, signal);
      return { charged: input.totalAmount };
    },
    // Runs also when the payment itself failed: it may have gone through before the failure was seen.
    async compensate({ input, idempotencyKey, signal }) {
      await payments.call('refundPayment', idempotencyKey, input.orderId, signal);
    },
  });
