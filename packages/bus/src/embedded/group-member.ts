import { deliver, type DeadLetter, type DeliveryOutcome, type RawRecord } from '../delivery.ts';
import type { BusObserver, SubscribeOptions } from '../port.ts';

/** A member of a consumer group as the partition runners see it. */
export interface Member {
  /** Delivers one record; calls `commit` (before resolving) unless the outcome is 'abandoned'. */
  deliver(record: RawRecord, commit: () => void): Promise<DeliveryOutcome>;
  reportLag(partition: number, lag: number): void;
  /** Ends retry backoffs (their records stay uncommitted) and waits for the handlers in flight. */
  stop(): Promise<void>;
}

/** What a member's deliveries take from the bus that subscribed it. */
export interface MemberContext {
  readonly observer?: BusObserver;
  readonly random?: () => number;
  readonly sendToDeadLetter: (letter: DeadLetter) => Promise<void>;
}

/** One subscription in its group: hands records to `deliver()` and knows which are in flight. */
export class GroupMember<T> implements Member {
  readonly #options: SubscribeOptions<T>;
  readonly #context: MemberContext;
  readonly #abort = new AbortController();
  readonly #inFlight = new Set<Promise<DeliveryOutcome>>();

  constructor(options: SubscribeOptions<T>, context: MemberContext) {
    this.#options = options;
    this.#context = context;
  }

  deliver(record: RawRecord, commit: () => void): Promise<DeliveryOutcome> {
    const run = this.#deliver(record, commit);
    this.#inFlight.add(run);
    const forget = (): void => void this.#inFlight.delete(run);
    run.then(forget, forget);
    return run;
  }

  reportLag(partition: number, lag: number): void {
    this.#context.observer?.lag?.({ topic: this.#options.topic.name, group: this.#options.group, partition, lag });
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await Promise.allSettled([...this.#inFlight]);
  }

  async #deliver(record: RawRecord, commit: () => void): Promise<DeliveryOutcome> {
    const outcome = await deliver(record, this.#options, { ...this.#context, signal: this.#abort.signal });
    if (outcome !== 'abandoned') commit();
    return outcome;
  }
}
