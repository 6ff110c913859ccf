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
