import { setTimeout as sleep } from 'node:timers/promises';
import type { DeadLetter, DeliveryContext, RawRecord } from '../delivery.ts';
import { PartitionWorker } from '../partition-worker.ts';
import type { BusObserver, SubscribeOptions, Subscription } from '../port.ts';
import { backoffDelay } from '../retry.ts';
import { FlowControl } from './flow-control.ts';
import type { Member, MemberEvents, RecordStream } from './group-member.ts';
import { OffsetCommitter } from './offset-committer.ts';
import type { KafkaSettings } from './options.ts';
import { type KafkaMessage, toRawRecord } from './records.ts';
import { deliverReliably, persistentRetry } from './reliable-delivery.ts';

export interface SubscriptionContext {
  readonly settings: KafkaSettings;
  readonly observer?: BusObserver;
  readonly random?: () => number;
  readonly sendToDeadLetter: (letter: DeadLetter) => Promise<void>;
  /** Makes the subscription's group member (a GroupMember; a fake in unit tests). */
  readonly member: (events: MemberEvents) => Member;
}

/** joining → active ⇄ revoking → joining …; closing at any time, for good. */
type State = 'joining' | 'active' | 'revoking' | 'closing';

/**
 * One subscription: a group member whose records run through `deliver()`, one at a time per
 * partition, partitions side by side, each committed once it is handled or dead-lettered.
 *
 * Giving up partitions (a rebalance, a lost stream, close) always goes the same way: the stream
 * is closed, so no fetch still in flight can deliver anything; records not started yet are
 * skipped (never handled, never committed); running handlers finish; their offsets are committed.
 * The next stream starts from the committed offsets, which are then exactly what was handled: no
 * record is handled twice and none is skipped.
 */
export class KafkaSubscription<T> implements Subscription {
  readonly group: string;
  readonly topic: string;
  readonly #options: SubscribeOptions<T>;
  readonly #member: Member;
  readonly #worker = new PartitionWorker();
  readonly #committer: OffsetCommitter;
  readonly #flow: FlowControl;
  readonly #abort = new AbortController();
  readonly #delivery: DeliveryContext;
  /** A rebalance waits this long for running handlers: the library sends no heartbeat meanwhile. */
  readonly #revokeBudgetMs: number;
  #state: State = 'joining';
  /** Bumped whenever partitions are given up: queued records of an older epoch are skipped. */
  #epoch = 0;
  #owned: ReadonlySet<number> = new Set();
  #stream: RecordStream | undefined;
  #opening: Promise<void> = Promise.resolve();
  #closed: Promise<void> | undefined;

  constructor(options: SubscribeOptions<T>, context: SubscriptionContext) {
    const { settings, observer } = context;
    this.group = options.group;
    this.topic = options.topic.name;
    this.#options = options;
    this.#flow = new FlowControl(settings.maxPendingPerSubscription);
    this.#revokeBudgetMs = Math.floor(settings.sessionTimeoutMs / 2);
    this.#delivery = {
      signal: this.#abort.signal,
      sendToDeadLetter: context.sendToDeadLetter,
      ...(observer === undefined ? {} : { observer }),
      ...(context.random === undefined ? {} : { random: context.random }),
    };
    const lag = observer?.lag?.bind(observer);
    this.#member = context.member({
      revoke: () => this.#revoke(),
      assigned: (partitions) => this.#assigned(partitions),
      ...(lag === undefined ? {} : { lag: (partition, value) => lag({ ...this.#names(), partition, lag: value }) }),
    });
    this.#committer = new OffsetCommitter({
      commit: (offsets) => this.#member.commit(offsets),
      generation: () => (this.#state === 'joining' ? undefined : this.#member.generation),
    });
  }

  /** Joins the group and opens the first stream. */
  async start(): Promise<void> {
    try {
      await this.#member.join();
      await this.#opening;
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  close(): Promise<void> {
    this.#closed ??= this.#close();
    return this.#closed;
  }

  async #close(): Promise<void> {
    this.#state = 'closing';
    this.#epoch++;
    this.#abort.abort();
    await this.#settle();
    await this.#member.close();
  }

  /** Before each JoinGroup: the partitions owned until now are let go, within the budget. */
  async #revoke(): Promise<void> {
    this.#epoch++;
    this.#owned = new Set();
    if (this.#state === 'active') this.#state = 'revoking';
    await this.#settle(this.#revokeBudgetMs);
    // Another join may have completed meanwhile (the library rejoins from a failed commit too).
    if (this.#state === 'revoking') this.#state = 'joining';
  }

  #assigned(partitions: readonly number[]): void {
    this.#owned = new Set(partitions);
    if (this.#state === 'closing') return;
    this.#state = 'active';
    const epoch = this.#epoch;
    if (partitions.length > 0) this.#opening = this.#openOrRecover(epoch);
  }

  /** Stops fetching, lets running handlers finish (queued records are skipped), commits them. */
  async #settle(budgetMs?: number): Promise<void> {
    const stream = this.#stream;
    this.#stream = undefined;
    const settled = (async () => {
      await stream?.close().catch(() => undefined);
      await this.#worker.drain();
      await this.#committer.flush();
    })();
    await (budgetMs === undefined ? settled : within(settled, budgetMs));
  }

  async #openOrRecover(epoch: number): Promise<void> {
    if (!(await this.#open(epoch))) await this.#recover(epoch);
  }

  /** A stream that ended without being closed here (a fetch that failed for good): start another. */
  #lost(stream: RecordStream): void {
    if (stream !== this.#stream) return;
    const epoch = ++this.#epoch;
    void this.#settle().then(() => this.#recover(epoch));
  }

  async #recover(epoch: number): Promise<void> {
    for (let attempt = 1; this.#current(epoch); attempt++) {
      try {
        const pause = backoffDelay(persistentRetry, attempt, this.#delivery.random);
        await sleep(pause, undefined, { signal: this.#abort.signal });
      } catch {
        return;
      }
      if (await this.#open(epoch)) return;
    }
  }

  async #open(epoch: number): Promise<boolean> {
    let stream: RecordStream;
    try {
      stream = await this.#member.openStream();
    } catch {
      return false;
    }
    if (!this.#current(epoch)) {
      await stream.close().catch(() => undefined);
      return true;
    }
    this.#stream = stream;
    this.#flow.adopt(stream);
    stream.on('data', (message: KafkaMessage) => this.#intake(message, stream, epoch));
    // A failing stream is destroyed: its 'close' follows, and is where it is replaced.
    stream.on('error', () => undefined);
    stream.once('close', () => this.#lost(stream));
    return true;
  }

  #intake(message: KafkaMessage, stream: RecordStream, epoch: number): void {
    if (stream !== this.#stream || !this.#current(epoch) || !this.#owned.has(message.partition)) return;
    const generation = this.#member.generation;
    const record = toRawRecord(message);
    void this.#worker
      .enqueue(String(message.partition), () => this.#process(record, message, epoch, generation))
      .finally(() => this.#flow.update(this.#worker.pending, this.#stream));
    this.#flow.update(this.#worker.pending, stream);
  }

  async #process(record: RawRecord, message: KafkaMessage, epoch: number, generation: number): Promise<void> {
    // Given up before it started: neither handled nor committed; whoever owns it next reads it.
    if (!this.#current(epoch)) return;
    const outcome = await deliverReliably(record, this.#options, this.#delivery);
    if (outcome === 'abandoned') return;
    this.#committer.track({
      topic: message.topic,
      partition: message.partition,
      offset: message.offset + 1n,
      leaderEpoch: message.leaderEpoch,
      generation,
    });
  }

  #current(epoch: number): boolean {
    return epoch === this.#epoch && this.#state === 'active';
  }

  #names(): { topic: string; group: string } {
    return { topic: this.topic, group: this.group };
  }
}

/** Awaits the work, or the budget, whichever ends first (the work goes on). */
async function within(work: Promise<void>, budgetMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, budgetMs)));
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
