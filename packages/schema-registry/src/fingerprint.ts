import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level: equal schemas, however written, give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 of the canonical JSON, hex: what makes registering the same schema again idempotent. */
export function fingerprint(schema: unknown): string {
  return createHash('sha256').update(canonicalJson(schema)).digest('hex');
}
