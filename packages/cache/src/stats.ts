import type { CacheStats } from './port.ts';

/** The calls a cache instance counts for its stats. */
export interface CallCounts {
  gets: number;
  hits: number;
  misses: number;
  puts: number;
  deletes: number;
  increments: number;
}

export function callCounts(): CallCounts {
  return { gets: 0, hits: 0, misses: 0, puts: 0, deletes: 0, increments: 0 };
}

/** Counts a get and answers its value. */
export function countGet(counts: CallCounts, value: string | undefined): string | undefined {
  counts.gets += 1;
  if (value === undefined) counts.misses += 1;
  else counts.hits += 1;
  return value;
}

export function cacheStats(counts: CallCounts, keys: number, usedMemoryHuman: string | undefined): CacheStats {
  const hitRate = counts.gets === 0 ? 0 : counts.hits / counts.gets;
  const stats = { ...counts, hitRate, keys };
  return usedMemoryHuman === undefined ? stats : { ...stats, usedMemoryHuman };
}

const units = ['K', 'M', 'G', 'T', 'P'];

/** Bytes as Redis writes `used_memory_human`: `512B`, `1.50K`, `2.00M`. */
export function humanBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(2)}${units[unit]}`;
}
