import { within } from './deadline.ts';
import { paced } from './pace.ts';
import { preciseNow } from './payload.ts';
import { Progress } from './progress.ts';
import { summarize, type Summary } from './stats.ts';
import type { LatencyClient } from './bus-latency-client.ts';

export interface OpenLoopResult {
  /** Due time → handled by the subscriber, for the events after the warm-up. */
  readonly endToEnd: Summary;
  /** Due time → `publish()` resolved (the broker acknowledged, acks=all). */
  readonly publishAck: Summary;
  readonly sent: number;
  readonly worstPacerLagMs: number;
  readonly failedPublishes: number;
  /** Events due after the warm-up that the subscriber had not handled when the run ended. */
  readonly missing: number;
}

/** A steady rate: paced publishes (open loop: never waiting for earlier ones) and one subscriber timing each event. */
export async function openLoop(
  client: LatencyClient,
  options: { readonly label: string; readonly rate: number; readonly seconds: number; readonly warmUpSeconds: number },
): Promise<OpenLoopResult> {
  const { rate, seconds, warmUpSeconds } = options;
  const total = Math.round(rate * (seconds + warmUpSeconds));
  const skip = Math.round(rate * warmUpSeconds);
  const endToEnd = new Float64Array(total).fill(Number.NaN);
  const publishAck = new Float64Array(total).fill(Number.NaN);
  let received = 0;
  let failedPublishes = 0;
  let allReceived: () => void = () => undefined;
  const everything = new Promise<void>((resolve) => (allReceived = resolve));
  const unsubscribe = await client.subscribe((index, sentAt) => {
    if (!Number.isNaN(endToEnd[index] ?? 0)) return; // read twice: the first time counts
    endToEnd[index] = preciseNow() - sentAt;
    if (++received === total) allReceived();
  });
  const progress = new Progress(`${options.label} at ${rate.toLocaleString('en-US')} events/s`, total, 'ev');
  const stop = progress.watch(() => ({ done: received, note: `first ${warmUpSeconds} s not counted` }));
  const inFlight = new Set<Promise<unknown>>();
  try {
    const pacing = await paced({
      rate,
      seconds: seconds + warmUpSeconds,
      send: (first, dueAt) => {
        const sending = client
          .publish(first, dueAt)
          .then(() => {
            const now = preciseNow();
            dueAt.forEach((sentAt, i) => (publishAck[first + i] = now - sentAt));
          })
          .catch(() => void failedPublishes++)
          .finally(() => inFlight.delete(sending));
        inFlight.add(sending);
      },
    });
    // Bounded: a client that fell behind is measured as it is, not waited for without end.
    await within(Promise.all(inFlight), 30_000, 'the last publishes of the paced run').catch(() => undefined);
    await within(everything, 10_000, 'the last events of the paced run').catch(() => undefined);
    const counted = (values: Float64Array): Float64Array =>
      values.subarray(skip).filter((value) => !Number.isNaN(value));
    const handled = counted(endToEnd);
    return {
      missing: total - skip - handled.length,
      endToEnd: summarize(handled),
      publishAck: summarize(counted(publishAck)),
      sent: pacing.sent,
      worstPacerLagMs: pacing.worstLagMs,
      failedPublishes,
    };
  } finally {
    stop();
    await unsubscribe();
  }
}

/** The way EndToEndLatency works: publish one event, wait until the subscriber has it, then the next. */
export async function closedLoop(
  client: LatencyClient,
  options: { readonly label: string; readonly count: number },
): Promise<Summary> {
  let arrived: (() => void) | undefined;
  const unsubscribe = await client.subscribe(() => arrived?.());
  const latencies = new Float64Array(options.count);
  let done = 0;
  const stop = new Progress(options.label, options.count, 'ev').watch(() => ({ done }));
  try {
    for (; done < options.count; done++) {
      const handled = new Promise<void>((resolve) => (arrived = resolve));
      const began = preciseNow();
      await client.publish(done, [began]);
      await within(handled, 60_000, 'a closed-loop event');
      latencies[done] = preciseNow() - began;
    }
    return summarize(latencies);
  } finally {
    stop();
    await unsubscribe();
  }
}
