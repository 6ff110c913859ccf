import type { Worker } from '@eventflow/service';
import { startPollingLoop, type PollingLoop } from '@eventflow/eventstore';
import type { PagoRow } from '../pagos/pago.ts';
import type { Payments } from '../payments.ts';
import { settleUncertain } from '../refund/late-charge.ts';

/** Payments looked at per round. */
const batch = 50;

/**
 * Watches references whose charge was uncertain when they were refunded: a cancelled payment still
 * pending (the processor was unavailable), and a payment refunded of nothing while an attempt may
 * still reach the processor. Any charge the processor made for them is refunded; a payment watched
 * past its window with nothing charged is left alone.
 */
export async function reconcileOnce(payments: Payments): Promise<number> {
  let settled = 0;
  for (const listed of await payments.store.toReconcile(batch)) {
    // An attempt of this process settles first (its own outcome may be the charge to refund).
    await payments.flights.settled(listed.reserva_id);
    const row = await payments.store.get(listed.reserva_id);
    if (row === undefined || !isStillUncertain(row)) continue;
    if ((await settleUncertain(payments, row)) === 'refunded') settled += 1;
    else if (isPastWindow(row, payments.now())) await payments.store.stopWatching(row.reserva_id);
  }
  return settled;
}

/** What toReconcile selects: refunded of nothing and still watched, or cancelled while pending. */
function isStillUncertain(row: PagoRow): boolean {
  return (row.estado === 'sin_cargo' && row.conciliar_hasta !== null) || (row.estado === 'pendiente' && row.cancelado);
}

function isPastWindow(row: PagoRow, now: Date): boolean {
  return row.conciliar_hasta !== null && new Date(row.conciliar_hasta).getTime() <= now.getTime();
}

/** reconcileOnce every `intervalMs`, as a worker of the service. */
export function reconcilerWorker(payments: Payments, intervalMs: number): Worker {
  let loop: PollingLoop | undefined;
  return {
    name: 'reconciler',
    start({ log }) {
      loop = startPollingLoop({
        pollIntervalMs: intervalMs,
        onError: (error) => log.warn({ err: error }, 'reconciliation round failed; retried after a pause'),
        round: async () => {
          const refunded = await reconcileOnce(payments);
          if (refunded > 0) log.warn({ refunded }, 'late charges refunded');
          return 'idle';
        },
      });
      return Promise.resolve();
    },
    async close() {
      await loop?.close();
    },
  };
}
