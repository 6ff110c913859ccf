import type { FeedEntry } from '@eventflow/logs-service';
import { getJson, withQuery } from './http.ts';

export type { FeedEntry };

export interface LogQuery {
  readonly correlationId?: string;
  readonly topic?: string;
}

const base = '/api/logs';

export const logsApi = {
  /** The latest records matching, oldest first. */
  latest: (query: LogQuery, limit = 200) =>
    getJson<{ records: FeedEntry[] }>(withQuery(base, { ...query, limit })).then((r) => r.records),
  topics: () => getJson<{ topics: Array<{ topic: string; records: number }> }>(`${base}/topics`).then((r) => r.topics),
  /** The URL of the live stream (server-sent events named `record`). */
  streamUrl: (query: LogQuery) => withQuery(`${base}/stream`, { ...query }),
};

/** Identifies a record across the history and the live stream. */
export const entryKey = (entry: FeedEntry): string => `${entry.topic}/${entry.partition}/${entry.offset}`;

/**
 * A read through the API (GET) that is no operation of its own: the console's polling makes many.
 * Downloads and metadata reads are operations (`operation` is set), so they are never reads here.
 */
export const isPlainRead = (entry: FeedEntry): boolean =>
  entry.record.operation === undefined && entry.record.endpoint.startsWith('GET ');
