import { setTimeout as sleep } from 'node:timers/promises';
import { preciseNow } from './payload.ts';

/**
 * Open-loop pacing: `rate` events a second for `seconds`, never waiting for earlier sends. About
 * every millisecond it hands `send` the events that have fallen due since the last call, each with
 * the time it was due (ms since the epoch); latency measured from that time, not from when the
 * event was actually sent, includes any delay of the publisher itself (no coordinated omission).
 */
export async function paced(options: {
  readonly rate: number;
  readonly seconds: number;
  readonly send: (first: number, dueAt: readonly number[]) => void;
}): Promise<{ readonly sent: number; readonly worstLagMs: number }> {
  const { rate, seconds, send } = options;
  const total = Math.round(rate * seconds);
  const start = preciseNow();
  let sent = 0;
  let worstLagMs = 0;
  while (sent < total) {
    await sleep(1);
    const now = preciseNow();
    const due = Math.min(total, Math.floor(((now - start) * rate) / 1000));
    if (due <= sent) continue;
    const dueAt = Array.from({ length: due - sent }, (_, i) => start + ((sent + i) * 1000) / rate);
    worstLagMs = Math.max(worstLagMs, now - dueAt[0]!);
    send(sent, dueAt);
    sent = due;
  }
  return { sent, worstLagMs };
}
