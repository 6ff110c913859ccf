import type { FakeService } from '../../testing/fake-service.ts';

/** Spec 002's OrderCreatedEvent, as the saga's input. */
export interface OrderCreated {
  readonly orderId: string;
  readonly customerId: string;
  readonly items: ReadonlyArray<{ readonly productId: string; readonly quantity: number }>;
  readonly totalAmount: number;
}

/** The three services the saga calls (in a service: resilient HTTP clients or bus commands). */
export interface OrderServices {
  readonly inventory: FakeService;
  readonly payments: FakeService;
  readonly orders: FakeService;
}
