import { cacheError } from './errors.ts';
import type { IncrementOptions, SetOptions } from './port.ts';

// No glob characters, so a namespace is its own SCAN pattern prefix.
const legalNamespace = /^[A-Za-z0-9:_.-]{1,200}$/;

/** A namespace is 1–200 of `A-Z a-z 0-9 : _ . -`; end it with `:` (`qa:`) so none is a prefix of another. */
export function checkNamespace(namespace: string): string {
  if (typeof namespace !== 'string' || !legalNamespace.test(namespace)) {
    throw cacheError('CACHE.INVALID_ARGUMENT', `illegal cache namespace ${JSON.stringify(namespace)}`);
  }
  return namespace;
}

export function checkKey(key: string): string {
  if (typeof key !== 'string') throw cacheError('CACHE.INVALID_ARGUMENT', 'a cache key is a string');
  return key;
}

export function checkValue(value: string): string {
  if (typeof value !== 'string') throw cacheError('CACHE.INVALID_ARGUMENT', 'a cache value is a string');
  return value;
}

/** The TTL in whole milliseconds (rounded up), 0 for none. */
export function ttlMs(options: SetOptions | IncrementOptions | undefined): number {
  const seconds = options?.ttlSeconds;
  if (seconds === undefined) return 0;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
    throw cacheError('CACHE.INVALID_ARGUMENT', `ttlSeconds must be a positive number, got ${String(seconds)}`);
  }
  return Math.ceil(seconds * 1000);
}

export function incrementBy(options: IncrementOptions | undefined): number {
  const by = options?.by ?? 1;
  if (!Number.isSafeInteger(by)) {
    throw cacheError('CACHE.INVALID_ARGUMENT', `increment by must be a safe integer, got ${String(by)}`);
  }
  return by;
}

/** Milliseconds left as the port's whole seconds: rounded up, so a live key answers at least 1. */
export function secondsLeft(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

export function parseJson<T>(text: string | undefined): T | undefined {
  return text === undefined ? undefined : (JSON.parse(text) as T);
}
