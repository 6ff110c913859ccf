/** Stable codes: they become problem+json, log fields or a saga's error only at the edge. */
export type SagaErrorCode =
  /** A step's attempt outlived its policy's `timeoutMs` (its signal is aborted; it counts as a failed attempt). */
  | 'SAGA.STEP_TIMEOUT'
  /** Another worker holds the instance now (this one's lease expired): this worker stops driving it. */
  | 'SAGA.LEASE_LOST'
  /** `start` named a saga the engine does not know. */
  | 'SAGA.UNKNOWN_SAGA'
  /** `start` reused an id that belongs to an instance of another saga. */
  | 'SAGA.ID_CONFLICT'
  /** `waitFor` gave up before the instance ended. */
  | 'SAGA.WAIT_TIMEOUT'
  /** The stored instance does not match the definition (a step renamed or removed while in flight). */
  | 'SAGA.DEFINITION_MISMATCH'
  | 'SAGA.INVALID_ARGUMENT';

export class SagaError extends Error {
  readonly code: SagaErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: SagaErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'SagaError';
    this.code = code;
    this.details = details;
  }
}

/** What the saga log keeps of an error: its code when it has one, and its message. */
/** The failure that made a saga compensate: which step gave up, with which error. */
export interface StepFailure {
  readonly step: string;
  /** The error's `code` when it had one (a ServiceError's, a permanentError's): what to branch on. */
  readonly code?: string;
  readonly message: string;
}

/** A step's failure as data: its step, the error's code when it has one, its message. */
export function failureOf(step: string, error: unknown): StepFailure {
  const code = codeOf(error);
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  return code === undefined ? { step, message } : { step, code, message };
}

/** An error's `code`, when it is an Error that has one. */
function codeOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = codeOf(error);
    return `${code === undefined ? '' : `${code}: `}${error.message}`.slice(0, 2000);
  }
  return String(error).slice(0, 2000);
}
