export type PrivacyErrorCode =
  /** A key in the configuration is malformed, missing or not 32 bytes. */
  | 'PRIVACY.BAD_KEY'
  /** A data key was wrapped by a master key this keyring does not hold (retired too early?). */
  | 'PRIVACY.UNKNOWN_KEY'
  /** A sealed value or wrapped key does not open: altered, truncated, or sealed for another context. */
  | 'PRIVACY.UNREADABLE'
  /** The data key was destroyed (the person asked to be forgotten): the data is gone for good. */
  | 'PRIVACY.SHREDDED';

export class PrivacyError extends Error {
  readonly code: PrivacyErrorCode;
  constructor(code: PrivacyErrorCode, message: string) {
    super(message);
    this.name = 'PrivacyError';
    this.code = code;
  }
}
