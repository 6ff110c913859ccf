/** The benchmarks' event: 100 bytes of JSON, as the issue asks (`{"orderId":"order-00000001","note":"xx…"}`). */
export interface OrderEvent {
  readonly orderId: string;
  readonly note: string;
}

export const eventBytes = 100;

export const orderEventSchema = {
  type: 'object',
  required: ['orderId', 'note'],
  properties: { orderId: { type: 'string' }, note: { type: 'string' } },
} as const;

export function orderEvent(i: number): OrderEvent {
  const orderId = `order-${String(i).padStart(8, '0')}`;
  const skeleton = `{"orderId":"${orderId}","note":""}`.length;
  return { orderId, note: 'x'.repeat(eventBytes - skeleton) };
}

/** The latency benchmarks' event, also 100 bytes: when it was due to be sent, in ms since the epoch. */
export interface TimedEvent {
  readonly sentAt: number;
  readonly pad: string;
}

export const timedEventSchema = {
  type: 'object',
  required: ['sentAt', 'pad'],
  properties: { sentAt: { type: 'number' }, pad: { type: 'string' } },
} as const;

export function timedEvent(sentAt: number): TimedEvent {
  const skeleton = `{"sentAt":${sentAt},"pad":""}`.length;
  return { sentAt, pad: 'x'.repeat(Math.max(0, eventBytes - skeleton)) };
}

/** Now, in ms since the epoch with microsecond resolution (one clock for publisher and consumer). */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}
