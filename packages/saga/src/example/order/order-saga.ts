// Spec 002's OrderSagaOrchestrator as a durable saga: one file per step, each an action and its compensation.
import { defineSaga } from '../../definition/saga.ts';
import { confirmOrder } from './confirm-order.step.ts';
import type { OrderCreated, OrderServices } from './order.ts';
import { processPayment } from './process-payment.step.ts';
import { reserveInventory } from './reserve-inventory.step.ts';

export const orderSaga = (services: OrderServices) =>
  defineSaga<OrderCreated>({
    name: 'order',
    steps: [reserveInventory(services), processPayment(services), confirmOrder(services)],
  });

export function orderCreated(orderId: string): OrderCreated {
  return { orderId, customerId: 'user-456', items: [{ productId: 'prod-1', quantity: 2 }], totalAmount: 42 };
}
