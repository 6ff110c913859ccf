export type MailErrorCode = 'MAIL.REJECTED' | 'MAIL.UNAVAILABLE';

/**
 * Why an email was not sent. MAIL.REJECTED is permanent (a 5xx: bad address, refused message) and
 * `retryable` is false; MAIL.UNAVAILABLE (no connection, a 4xx, a timeout) may succeed later.
 */
export class MailError extends Error {
  readonly code: MailErrorCode;
  readonly retryable: boolean;
  constructor(code: MailErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MailError';
    this.code = code;
    this.retryable = code === 'MAIL.UNAVAILABLE';
  }
}

export const isMailError = (error: unknown): error is MailError => error instanceof MailError;
