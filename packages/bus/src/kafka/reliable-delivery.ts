import { setTimeout as sleep } from 'node:timers/promises';
import { deliver, type DeliveryContext, type DeliveryOutcome, type RawRecord } from '../delivery.ts';
import type { SubscribeOptions } from '../port.ts';
import { backoffDelay, type RetryPolicy } from '../retry.ts';

/** Backoff between tries of something that must eventually succeed (a dead letter, a rejoin). */
export const persistentRetry: RetryPolicy = {
  maxAttempts: Number.MAX_SAFE_INTEGER,
  initialDelayMs: 200,
  maxDelayMs: 10_000,
  multiplier: 2,
  jitter: 'full',
};

/**
 * `deliver()`, tried again while the dead-letter topic cannot be written: the record is then neither
 * handled nor dead-lettered, so it must not be committed, and its partition must not move past it.
 * The handler runs again on each try (at least once). Closing the subscription abandons it.
 */
export async function deliverReliably<T>(
  record: RawRecord,
  options: SubscribeOptions<T>,
  context: DeliveryContext,
): Promise<DeliveryOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deliver(record, options, context);
    } catch {
      try {
        await sleep(backoffDelay(persistentRetry, attempt, context.random), undefined, { signal: context.signal });
      } catch {
        return 'abandoned';
      }
    }
  }
}
