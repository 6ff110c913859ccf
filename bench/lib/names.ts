import { randomBytes } from 'node:crypto';

/** A fresh, legal and recognisable topic (or group) name: `bench-<what>-<time>-<random>`. */
export function benchName(what: string): string {
  const time = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  return `bench-${what}-${time}-${randomBytes(3).toString('hex')}`;
}
