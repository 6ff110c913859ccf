import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay, type Bus, type RetryPolicy, type Topic } from '@eventflow/bus';
import { currentCorrelation } from '@eventflow/correlation';
import type { OperationRecord } from './record.ts';
import type { OperationSpool } from './spool.ts';

/** What a service says about one operation; the shipper adds service, timestamp and correlation. */
export interface OperationEntry {
  readonly endpoint: string;
  readonly payload?: unknown;
  readonly success: boolean;
  readonly correlationId?: string;
  readonly operation?: string;
  readonly fileName?: string;
  readonly statusCode?: number;
  readonly durationMs?: number;
  readonly error?: string;
}

export interface ShipperObserver {
  shipped?(count: number): void;
  dropped?(count: number, reason: 'buffer-full' | 'invalid' | 'closed'): void;
  failed?(error: unknown): void;
}

export interface OperationLogOptions {
  /** The service's name as records carry it, e.g. "storage-server". */
  readonly service: string;
  readonly topic: Topic<OperationRecord>;
  readonly bus: Pick<Bus, 'publish'>;
  /** Records kept in memory at most; past it new records are dropped and counted. Default 10,000. */
  readonly maxBuffered?: number;
  /** Records per publish. Default 500. */
  readonly maxBatch?: number;
  /** How long a record may wait for others to share its batch. Default 20 ms. */
  readonly lingerMs?: number;
  /** Backoff between failed publishes (attempts are unbounded while records are buffered). */
  readonly retry?: RetryPolicy;
  /** Payload JSON longer than this is cut, with a marker. Default 4,096 characters. */
  readonly maxPayloadChars?: number;
  readonly observer?: ShipperObserver;
  readonly now?: () => Date;
  /**
   * Where records wait on disk until the broker confirms them (see OperationSpool). Without one,
   * records live only in memory and a crash loses those not yet shipped.
   */
  readonly spool?: OperationSpool;
}

const defaultBackoff: RetryPolicy = {
  maxAttempts: Infinity,
  initialDelayMs: 100,
  maxDelayMs: 5000,
  multiplier: 2,
  jitter: 'full',
};

/**
 * Ships operation records to `logs-<service>` without ever blocking or failing the operation:
 * `record()` only appends to a bounded buffer; batches go out in the background, retried with
 * backoff, in the order they were recorded.
 */
export class OperationLog {
  readonly #options: OperationLogOptions;
  readonly #buffer: Array<{ readonly record: OperationRecord; readonly seq?: number }> = [];
  #flushing: Promise<void> | undefined;
  #closed = false;
  #failures = 0;
  readonly #stop = new AbortController();
  readonly #stats = { shipped: 0, dropped: 0 };

  constructor(options: OperationLogOptions) {
    this.#options = options;
  }

  get stats(): { buffered: number; shipped: number; dropped: number } {
    return { buffered: this.#buffer.length, ...this.#stats };
  }

  /** Records one operation. Never throws, never waits (`persisted()` waits for the spool). */
  record(entry: OperationEntry): void {
    if (this.#closed) return this.#drop(1, 'closed');
    if (this.#buffer.length >= (this.#options.maxBuffered ?? 10_000)) return this.#drop(1, 'buffer-full');
    const record = this.#toRecord(entry);
    const seq = this.#options.spool?.append(record);
    this.#buffer.push(seq === undefined ? { record } : { record, seq });
    this.#flushing ??= this.#flushLoop();
  }

  /**
   * Resolves once every record taken so far is on disk, in the spool; at once without a spool. A spool
   * that cannot write is reported to the observer, never to the operation.
   */
  async persisted(): Promise<void> {
    await this.#options.spool?.persisted().catch((error: unknown) => this.#options.observer?.failed?.(error));
  }

  /** Takes back what the spool kept from before a crash, to ship first; answers how many records. */
  async recover(): Promise<number> {
    const recovered = (await this.#options.spool?.recover()) ?? [];
    this.#buffer.unshift(...recovered);
    if (this.#buffer.length > 0) this.#flushing ??= this.#flushLoop();
    return recovered.length;
  }

  /** Resolves once everything recorded so far has been shipped (or the log is closed). */
  async flush(): Promise<void> {
    while (this.#buffer.length > 0 && !this.#stop.signal.aborted) {
      this.#flushing ??= this.#flushLoop();
      await this.#flushing;
    }
  }

  /** Ships what it can within `timeoutMs`, then counts the rest as dropped. */
  async close(timeoutMs = 5000): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.race([this.flush(), sleep(timeoutMs, undefined, { ref: false })]);
    // A publish still pending past the deadline is left to finish or fail on its own; its records
    // count as dropped because nobody confirmed them.
    this.#stop.abort();
    // Spooled records stay on disk for the next start; only the others are lost.
    const lost = this.#buffer.splice(0).filter((entry) => entry.seq === undefined).length;
    this.#drop(lost, 'closed');
    await this.#options.spool?.close();
  }

  async #flushLoop(): Promise<void> {
    try {
      await sleep(this.#options.lingerMs ?? 20, undefined, { signal: this.#stop.signal }).catch(() => undefined);
      while (this.#buffer.length > 0) {
        const batch = this.#buffer.slice(0, this.#options.maxBatch ?? 500);
        try {
          await this.#options.bus.publish(
            this.#options.topic,
            batch.map(({ record }) => ({
              key: record.correlationId,
              value: record,
              correlationId: record.correlationId,
            })),
          );
          if (this.#stop.signal.aborted) return; // closed meanwhile: close() already counted them
          this.#buffer.splice(0, batch.length);
          const lastSeq = batch.findLast((entry) => entry.seq !== undefined)?.seq;
          if (lastSeq !== undefined) void this.#options.spool?.shipped(lastSeq);
          this.#stats.shipped += batch.length;
          this.#failures = 0;
          this.#options.observer?.shipped?.(batch.length);
        } catch (error) {
          if ((error as { code?: string }).code === 'BUS.INVALID_MESSAGE') {
            this.#dropInvalid(batch);
            continue;
          }
          this.#options.observer?.failed?.(error);
          this.#failures++;
          if (this.#stop.signal.aborted) return;
          const delay = backoffDelay(this.#options.retry ?? defaultBackoff, this.#failures);
          await sleep(delay, undefined, { signal: this.#stop.signal }).catch(() => undefined);
          if (this.#stop.signal.aborted) return;
        }
      }
    } finally {
      this.#flushing = undefined;
    }
  }

  /** A batch the topic refuses: find the bad records (one by one), drop them, keep the rest. */
  #dropInvalid(batch: ReadonlyArray<{ readonly record: OperationRecord; readonly seq?: number }>): void {
    const valid = batch.filter(({ record }) => {
      try {
        this.#options.topic.validate(record);
        return true;
      } catch {
        return false;
      }
    });
    this.#buffer.splice(0, batch.length, ...valid);
    this.#drop(batch.length - valid.length, 'invalid');
  }

  #drop(count: number, reason: 'buffer-full' | 'invalid' | 'closed'): void {
    if (count === 0) return;
    this.#stats.dropped += count;
    this.#options.observer?.dropped?.(count, reason);
  }

  #toRecord(entry: OperationEntry): OperationRecord {
    const correlationId = entry.correlationId ?? currentCorrelation()?.correlationId ?? randomUUID();
    return {
      correlationId,
      service: this.#options.service,
      endpoint: entry.endpoint,
      timestamp: (this.#options.now ?? (() => new Date()))().toISOString(),
      payload: payloadText(entry.payload, this.#options.maxPayloadChars ?? 4096),
      success: entry.success,
      ...optional(entry),
    };
  }
}

function optional(entry: OperationEntry): Partial<OperationRecord> {
  const { operation, fileName, statusCode, durationMs, error } = entry;
  return Object.fromEntries(
    Object.entries({ operation, fileName, statusCode, durationMs, error }).filter(([, value]) => value !== undefined),
  );
}

function payloadText(payload: unknown, max: number): string {
  let text: string;
  try {
    text = typeof payload === 'string' ? payload : (JSON.stringify(payload ?? {}) ?? '{}');
  } catch {
    text = '"[unserialisable payload]"';
  }
  return text.length > max ? `${text.slice(0, max)}…[truncated ${text.length - max} chars]` : text;
}
