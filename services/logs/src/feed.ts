import type { OperationRecord } from '@eventflow/oplog';

/** A record as the feed keeps it: where it came from, and the record. */
export interface FeedEntry {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly record: OperationRecord;
}

export interface FeedQuery {
  readonly correlationId?: string;
  readonly topic?: string;
  readonly limit?: number;
}

type Listener = (entry: FeedEntry) => void;

/** The latest records of every followed topic, bounded per topic, and whoever is listening live. */
export class LogFeed {
  readonly #perTopic: number;
  readonly #topics = new Map<string, FeedEntry[]>();
  readonly #listeners = new Set<Listener>();

  constructor(options: { perTopic?: number } = {}) {
    this.#perTopic = options.perTopic ?? 2000;
  }

  add(entry: FeedEntry): void {
    const kept = this.#topics.get(entry.topic) ?? [];
    kept.push(entry);
    if (kept.length > this.#perTopic) kept.splice(0, kept.length - this.#perTopic);
    this.#topics.set(entry.topic, kept);
    for (const listener of this.#listeners) listener(entry);
  }

  /** Newest last, at most `limit` (default 200). */
  query(query: FeedQuery = {}): FeedEntry[] {
    const sources = query.topic === undefined ? [...this.#topics.values()] : [this.#topics.get(query.topic) ?? []];
    const matching = sources.flat().filter((e) => matches(e, query));
    matching.sort((a, b) => a.record.timestamp.localeCompare(b.record.timestamp));
    return matching.slice(-(query.limit ?? 200));
  }

  topics(): Array<{ topic: string; records: number }> {
    return [...this.#topics]
      .map(([topic, kept]) => ({ topic, records: kept.length }))
      .sort((a, b) => a.topic.localeCompare(b.topic));
  }

  /** Calls `listener` for every new record that matches; returns the unsubscribe. */
  listen(query: FeedQuery, listener: Listener): () => void {
    const filtered: Listener = (entry) => {
      if (matches(entry, query)) listener(entry);
    };
    this.#listeners.add(filtered);
    return () => this.#listeners.delete(filtered);
  }
}

function matches(entry: FeedEntry, query: FeedQuery): boolean {
  return (
    (query.correlationId === undefined || entry.record.correlationId === query.correlationId) &&
    (query.topic === undefined || entry.topic === query.topic)
  );
}
