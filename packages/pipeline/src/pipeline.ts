import type { AddedBy, Outcome, RejectedBy } from './outcome.ts';

/** `A` with the fields of `B` laid over it, flattened so editors show one object. */
export type Merge<A, B> = { [K in keyof A as K extends keyof B ? never : K]: A[K] } & B extends infer M
  ? { [K in keyof M]: M[K] }
  : never;

/** One link of the chain: sync or async; it passes, enriches or rejects. Throwing is not rejecting. */
export type Handler<Ctx, O extends Outcome> = (context: Ctx) => O | Promise<O>;

/** What each handler that ran did, in order. */
export interface TraceEntry {
  readonly handler: string;
  readonly outcome: 'pass' | 'enrich' | 'reject' | 'throw';
  /** The fields an `enrich` added or replaced. */
  readonly added?: readonly string[];
}

export type PipelineResult<Ctx, Rejection> =
  | { readonly ok: true; readonly context: Ctx; readonly trace: readonly TraceEntry[] }
  | {
      readonly ok: false;
      readonly rejection: Rejection;
      /** The name of the handler that rejected. */
      readonly handler: string;
      readonly trace: readonly TraceEntry[];
    };

/** Told about every step as it ends, for logs and metrics; `error` only on `throw`. */
export type PipelineObserver = (entry: TraceEntry, error?: unknown) => void;

export interface RunOptions {
  readonly observer?: PipelineObserver;
}

/**
 * An immutable chain: `use` returns a new pipeline whose context type has grown by what the handler
 * adds and whose rejection type has grown by what it may reject with.
 */
export interface Pipeline<Input, Ctx, Rejection> {
  /** The handler names, in order (for diagrams and diagnostics). */
  readonly handlers: readonly string[];
  use<O extends Outcome>(
    name: string,
    handler: Handler<Ctx, O>,
  ): Pipeline<Input, Merge<Ctx, AddedBy<O>>, Rejection | RejectedBy<O>>;
  /**
   * Runs the handlers in order until one rejects. A handler that throws ends the run: the error
   * propagates unchanged (after the observer hears of it), so typed errors keep their meaning.
   */
  run(input: Input, options?: RunOptions): Promise<PipelineResult<Ctx, Rejection>>;
}

interface Link {
  readonly name: string;
  readonly handler: (context: never) => Outcome | Promise<Outcome>;
}

/** An empty chain over `Input`: `pipeline<ReservationRequest>().use('validate', …).use(…)`. */
export function pipeline<Input extends object>(): Pipeline<Input, Input, never> {
  return build<Input, Input, never>([]);
}

function build<Input, Ctx, Rejection>(links: readonly Link[]): Pipeline<Input, Ctx, Rejection> {
  return {
    handlers: links.map((link) => link.name),
    use(name, handler) {
      if (name === '' || links.some((link) => link.name === name)) {
        throw new RangeError(`pipeline handler names must be unique and non-empty: ${JSON.stringify(name)}`);
      }
      return build([...links, { name, handler }]);
    },
    run: (input, options = {}) => runLinks(links, input, options) as Promise<PipelineResult<Ctx, Rejection>>,
  };
}

async function runLinks(
  links: readonly Link[],
  input: unknown,
  { observer }: RunOptions,
): Promise<PipelineResult<unknown, unknown>> {
  const trace: TraceEntry[] = [];
  const record = (entry: TraceEntry, error?: unknown) => {
    trace.push(entry);
    observer?.(entry, error);
  };
  let context = input as object;
  for (const { name, handler } of links) {
    let outcome: Outcome;
    try {
      outcome = await handler(context as never);
    } catch (error) {
      record({ handler: name, outcome: 'throw' }, error);
      throw error;
    }
    if (!isOutcome(outcome)) {
      throw new TypeError(`pipeline handler ${name} returned ${String(outcome)}: return pass(), enrich() or reject()`);
    }
    if (outcome.kind === 'reject') {
      record({ handler: name, outcome: 'reject' });
      return { ok: false, rejection: outcome.rejection, handler: name, trace };
    }
    if (outcome.kind === 'enrich') {
      context = { ...context, ...outcome.values };
      record({ handler: name, outcome: 'enrich', added: Object.keys(outcome.values) });
    } else {
      record({ handler: name, outcome: 'pass' });
    }
  }
  return { ok: true, context, trace };
}

function isOutcome(value: unknown): value is Outcome {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false;
  return value.kind === 'pass' || value.kind === 'enrich' || value.kind === 'reject';
}
