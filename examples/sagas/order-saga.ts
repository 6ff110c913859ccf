import { defineSaga } from '@eventflow/saga';
import { confirmOrder } from './confirm-order.step.ts';
import type { OrderCreated, OrderServices } from './order.ts';
import { processPayment } from './process-payment.step.ts';
import { reserveInventory } from './reserve-inventory.step.ts';

export const orderSaga = (services: OrderServices) =>
  defineSaga<OrderCreated>({
    name: 'order',
    steps: [reserveInventory(services), processPayment(services), confirmOrder(services)],
  });
