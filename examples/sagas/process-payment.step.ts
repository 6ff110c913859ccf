import { defineStep } from '@eventflow/saga';
import type { OrderCreated, OrderServices } from './order.ts';

export const processPayment = ({ payments }: OrderServices) =>
  defineStep<OrderCreated, { charged: number }>({
    name: 'process-payment',
    policy: {
      retry: { maxAttempts: 2, initialDelayMs: 200, maxDelayMs: 2_000 },
      timeoutMs: 5_000,
      // A declined card is a business refusal: compensate at once instead of asking again.
      retryable: (error) => (error as { code?: unknown }).code !== 'PAYMENT.DECLINED',
    },
    async action({ input, idempotencyKey, signal }) {
      await payments.charge(input.orderId, input.totalAmount, { idempotencyKey, signal });
      return { charged: input.totalAmount };
    },
    // Runs also when the charge itself failed: it may have gone through before the failure was seen.
    async compensate({ input, idempotencyKey, signal }) {
      await payments.refund(input.orderId, { idempotencyKey, signal });
    },
  });
