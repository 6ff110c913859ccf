/** Stable codes: they become problem+json or dead-letter reasons only at the edge. */
export type BusErrorCode =
  'BUS.INVALID_MESSAGE' | 'BUS.UNKNOWN_TOPIC' | 'BUS.TOPIC_MISMATCH' | 'BUS.CLOSED' | 'BUS.PUBLISH_FAILED';

export class BusError extends Error {
  readonly code: BusErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: BusErrorCode, message: string, details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BusError';
    this.code = code;
    this.details = details;
  }
}

/**
 * A failure that trying again will not fix: a business refusal (card declined, out of stock) or a
 * message its handler can never process, rather than a passing fault. The one non-retryable marker
 * of the platform (BullMQ's UnrecoverableError is the model): the bus dead-letters the message after
 * that one attempt, a saga step gives up at once and compensates, a resilience policy neither
 * retries it nor counts it against the breaker. Any error with `retryable: false` counts the same.
 */
export interface PermanentError extends Error {
  readonly retryable: false;
  /** A stable code of yours (`PAYMENT.DECLINED`): it is the dead letter's `dlq-error-code`. */
  readonly code: string | undefined;
}

/** `throw permanentError('card declined', { code: 'PAYMENT.DECLINED' })`: do not try this again. */
export function permanentError(
  message: string,
  options: { readonly code?: string; readonly cause?: unknown } = {},
): PermanentError {
  const error = new Error(message, 'cause' in options ? { cause: options.cause } : undefined);
  error.name = 'PermanentError';
  return Object.assign(error, { retryable: false as const, code: options.code });
}

/** Whether `error` says trying again is useless (`permanentError`, or any error with `retryable: false`). */
export function isPermanent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === false;
}
