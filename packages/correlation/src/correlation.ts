import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What ties one piece of work to the request or message that caused it. */
export interface Correlation {
  /** The same id from the first HTTP request through every message, job and saga step it causes. */
  readonly correlationId: string;
  /** The id of the message (or request) that directly caused the current work, if any. */
  readonly causationId?: string;
}

const storage = new AsyncLocalStorage<Correlation>();

/** Runs `work` with `correlation` as the current one; everything it awaits or schedules sees it. */
export function withCorrelation<T>(correlation: Correlation, work: () => T): T {
  return storage.run(correlation, work);
}

/** The correlation of the work in progress, if any. */
export function currentCorrelation(): Correlation | undefined {
  return storage.getStore();
}

/** The current correlation id, or a new one when this work starts a story of its own. */
export function correlationIdOrNew(newId: () => string = randomUUID): string {
  return storage.getStore()?.correlationId ?? newId();
}

/** Ids we accept from outside (headers): printable, no spaces, at most 128 characters. */
export function isValidCorrelationId(value: string): boolean {
  return /^[A-Za-z0-9._:\-]{1,128}$/.test(value);
}

/** The HTTP header a correlation id travels in, into and out of every service. */
export const correlationHeader = 'x-correlation-id';

/** Headers as Node (`IncomingHttpHeaders`, `reply.getHeaders()`) or fetch (`Headers`) hold them. */
export type HeaderSource = Readonly<Record<string, unknown>> | { get(name: string): string | null };

/** The correlation id `headers` carry in `X-Correlation-Id`, if there is one and it is valid. */
export function correlationIdFrom(headers: HeaderSource): string | undefined {
  const value = isFetchHeaders(headers) ? headers.get(correlationHeader) : headers[correlationHeader];
  return typeof value === 'string' && isValidCorrelationId(value) ? value : undefined;
}

function isFetchHeaders(headers: HeaderSource): headers is { get(name: string): string | null } {
  return typeof (headers as { get?: unknown }).get === 'function';
}
