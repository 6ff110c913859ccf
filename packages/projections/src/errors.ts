/** Stable codes: they become problem+json or log fields only at the edge. */
export type ProjectionErrorCode =
  /** The checkpoint moved under a round (a rebuild or replay without the lock); the round is rolled back. */
  | 'PROJECTION.CHECKPOINT_MOVED'
  /** No event is stored at the global position a replay was asked to start after. */
  | 'PROJECTION.UNKNOWN_POSITION'
  | 'PROJECTION.INVALID_ARGUMENT';

export class ProjectionError extends Error {
  readonly code: ProjectionErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ProjectionErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ProjectionError';
    this.code = code;
    this.details = details;
  }
}
