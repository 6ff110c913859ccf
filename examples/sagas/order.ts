// The saga's input and the remote services its steps call (in a service: HTTP clients or bus commands).

/** Spec 002's OrderCreatedEvent, the saga's input: plain JSON, stored with the instance. */
export interface OrderCreated {
  readonly orderId: string;
  readonly customerId: string;
  readonly items: ReadonlyArray<{ readonly productId: string; readonly quantity: number }>;
  readonly totalAmount: number;
}

/** What every remote call is given: the step's idempotency key (the service deduplicates by it) and its signal. */
export interface CallOptions {
  readonly idempotencyKey: string;
  readonly signal?: AbortSignal;
}

export interface InventoryClient {
  reserve(orderId: string, items: OrderCreated['items'], options: CallOptions): Promise<void>;
  release(orderId: string, options: CallOptions): Promise<void>;
}

export interface PaymentsClient {
  /** Rejects with `code: 'PAYMENT.DECLINED'` when the card is refused: retrying will not help. */
  charge(orderId: string, amount: number, options: CallOptions): Promise<void>;
  /** "Nothing to refund" is a success: it also runs when the charge itself failed. */
  refund(orderId: string, options: CallOptions): Promise<void>;
}

export interface OrdersClient {
  confirm(orderId: string, options: CallOptions): Promise<void>;
  cancel(orderId: string, options: CallOptions): Promise<void>;
}

export interface OrderServices {
  readonly inventory: InventoryClient;
  readonly payments: PaymentsClient;
  readonly orders: OrdersClient;
}
