import { isPlainObject } from '../validate/values.ts';

/**
 * The order of JSON values as MongoDB sorts BSON: missing and null, then numbers, strings, objects,
 * arrays, booleans. Strings compare by code point, which is UTF-8 byte order (MongoDB's binary
 * comparison; PostgreSQL's COLLATE "C").
 */
function rank(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return 1;
  if (typeof value === 'string') return 2;
  if (Array.isArray(value)) return 4;
  if (isPlainObject(value)) return 3;
  return 5;
}

export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done === true || y.done === true) return x.done === true ? (y.done === true ? 0 : -1) : 1;
    const difference = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
}

/** Negative, zero or positive, as `a` sorts before, with or after `b`. */
export function compareValues(a: unknown, b: unknown): number {
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return Math.sign(byRank);
  if (a === undefined || a === null) return 0; // missing and null sort as one
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  // Objects and arrays: sorting by them is not offered; any consistent order will do.
  return compareStrings(JSON.stringify(a) ?? '', JSON.stringify(b) ?? '');
}

/** Whether two JSON values are equal (object fields in any order). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameValue(a[key], b[key]));
}
