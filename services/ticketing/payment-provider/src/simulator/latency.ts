/** A latency range in milliseconds, written "min-max" (or one number for a fixed latency). */
export interface LatencyRange {
  readonly min: number;
  readonly max: number;
}

export const latencyPattern = '^[0-9]{1,5}(-[0-9]{1,5})?$';

/** The longest simulated latency: one minute. */
export const maxLatencyMs = 60_000;

/** Parses "20-80" (or "50"); undefined when it is not a range within 0..maxLatencyMs with min ≤ max. */
export function parseLatency(text: string): LatencyRange | undefined {
  if (!new RegExp(latencyPattern).test(text)) return undefined;
  const [min = 0, max = min] = text.split('-').map(Number);
  return min <= max && max <= maxLatencyMs ? { min, max } : undefined;
}

export function formatLatency(range: LatencyRange): string {
  return `${range.min}-${range.max}`;
}

/** A latency drawn uniformly in the range. */
export function drawLatency(range: LatencyRange, random: () => number): number {
  return range.min + Math.floor(random() * (range.max - range.min + 1));
}
