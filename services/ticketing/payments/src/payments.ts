import type { PagoStore } from './pagos/pago-store.ts';
import type { ProviderClient } from './provider/provider-client.ts';
import type { SingleFlight } from './single-flight.ts';
import type { PagoRow } from './pagos/pago.ts';

/** What the payment use cases work with. */
export interface Payments {
  readonly store: PagoStore;
  readonly provider: ProviderClient;
  /** One attempt at the processor per reservation at a time, in this process. */
  readonly flights: SingleFlight<ChargeResult>;
  readonly now: () => Date;
  /** How long a reference refunded before its attempt settled is watched for a late charge. */
  readonly reconcileWindowMs: number;
}

/** A settled charge: the payment, and whether this attempt captured it. */
export interface ChargeResult {
  readonly row: PagoRow;
  readonly captured: boolean;
}
