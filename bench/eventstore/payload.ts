/** The event both stores append: a seat reservation of about 200 bytes of JSON. */
// Type aliases, not interfaces: Emmett's Event wants data assignable to Record<string, unknown>.
export type BenchEvent = {
  readonly type: 'SeatReserved';
  readonly data: SeatReserved;
};

export type SeatReserved = {
  readonly concertId: string;
  readonly seat: string;
  readonly customerId: string;
  readonly price: number;
  readonly currency: string;
  readonly note: string;
};

export const eventBytes = 200;

/** The `i`-th event of a stream, its `data` serialised to exactly `eventBytes` bytes of JSON. */
export function benchEvent(streamId: string, i: number): BenchEvent {
  const data = {
    concertId: streamId,
    seat: `R${String(Math.floor(i / 40) % 100).padStart(2, '0')}-S${String(i % 40).padStart(2, '0')}`,
    customerId: `customer-${String(i).padStart(8, '0')}`,
    price: 4950,
    currency: 'EUR',
    note: '',
  };
  const pad = Math.max(0, eventBytes - JSON.stringify(data).length);
  return { type: 'SeatReserved', data: { ...data, note: 'x'.repeat(pad) } };
}

/** `count` events numbered from `first`. */
export function benchEvents(streamId: string, first: number, count: number): BenchEvent[] {
  return Array.from({ length: count }, (_, i) => benchEvent(streamId, first + i));
}
