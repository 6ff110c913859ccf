/** Called as an async projection works, for logs and /metrics; every method optional. */
export interface ProjectionObserver {
  /** A round moved the checkpoint over `read` events, of which `applied` reached the projection. */
  round?(event: { readonly projection: string; readonly read: number; readonly applied: number }): void;
  /** Events recorded after the checkpoint, measured after every round. */
  lag?(event: { readonly projection: string; readonly lag: number }): void;
  /** A round failed; it is retried after the backoff. */
  failed?(event: { readonly projection: string; readonly error: unknown }): void;
}

/** Several observers as one. */
export function combineObservers(...observers: readonly ProjectionObserver[]): ProjectionObserver {
  return {
    round: (event) => observers.forEach((observer) => observer.round?.(event)),
    lag: (event) => observers.forEach((observer) => observer.lag?.(event)),
    failed: (event) => observers.forEach((observer) => observer.failed?.(event)),
  };
}
