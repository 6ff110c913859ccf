/** A handler lets the request through unchanged. */
export interface Pass {
  readonly kind: 'pass';
}

/** A handler adds (or replaces) fields of the context for the handlers after it. */
export interface Enrich<Added extends object> {
  readonly kind: 'enrich';
  readonly values: Added;
}

/** A handler stops the chain: an expected business outcome, not a failure. */
export interface Reject<Rejection> {
  readonly kind: 'reject';
  readonly rejection: Rejection;
}

/** What one handler decides. */
export type Outcome<Added extends object = object, Rejection = unknown> = Pass | Enrich<Added> | Reject<Rejection>;

const passed: Pass = Object.freeze({ kind: 'pass' });

export function pass(): Pass {
  return passed;
}

export function enrich<const Added extends object>(values: Added): Enrich<Added> {
  return { kind: 'enrich', values };
}

export function reject<const Rejection>(rejection: Rejection): Reject<Rejection> {
  return { kind: 'reject', rejection };
}

/** The fields a handler returning `O` adds: optional when it may also pass without adding them. */
export type AddedBy<O> = [Extract<O, Enrich<object>>] extends [never]
  ? unknown
  : [Extract<O, Pass>] extends [never]
    ? ValuesOf<Extract<O, Enrich<object>>>
    : Partial<ValuesOf<Extract<O, Enrich<object>>>>;

/** The rejections a handler returning `O` may stop the chain with. */
export type RejectedBy<O> = O extends Reject<infer R> ? R : never;

type ValuesOf<E> = E extends Enrich<infer A> ? A : never;
