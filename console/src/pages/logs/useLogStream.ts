import { useEffect, useState } from 'react';
import { messageOf } from '../../api/http.ts';
import { entryKey, isPlainRead, logsApi, type FeedEntry, type LogQuery } from '../../api/logs.ts';

/** The most records the page keeps; older ones fall off. */
const keep = 1000;
/** How many of the latest records are read first (plain reads among them may be left out). */
const history = 2000;

export interface LogStream {
  /** Newest first. */
  readonly entries: readonly FeedEntry[];
  readonly live: boolean;
  readonly error: string | undefined;
}

/**
 * The latest matching records, then every new one as it is recorded (SSE). The history is read
 * each time the stream (re)connects, so nothing between a drop and the reconnection is missed;
 * records seen twice are merged by topic, partition and offset. Plain API reads are left out
 * unless `withReads`.
 */
export function useLogStream(query: LogQuery, withReads: boolean): LogStream {
  const [entries, setEntries] = useState<readonly FeedEntry[]>([]);
  const [live, setLive] = useState(false);
  const [error, setError] = useState<string>();
  const { correlationId, topic } = query;

  useEffect(() => {
    const filter = { ...(correlationId ? { correlationId } : {}), ...(topic ? { topic } : {}) };
    const add = (more: readonly FeedEntry[]) => {
      const kept = withReads ? more : more.filter((entry) => !isPlainRead(entry));
      if (kept.length > 0) setEntries((current) => merge(current, kept));
    };
    setEntries([]);
    const source = new EventSource(logsApi.streamUrl(filter));
    source.addEventListener('record', (event) => add([JSON.parse((event as MessageEvent<string>).data) as FeedEntry]));
    source.addEventListener('open', () => {
      setLive(true);
      logsApi.latest(filter, history).then(
        (records) => {
          setError(undefined);
          add(records);
        },
        (failure: unknown) => setError(messageOf(failure)),
      );
    });
    source.addEventListener('error', () => setLive(false));
    return () => source.close();
  }, [correlationId, topic, withReads]);

  return { entries, live, error };
}

function merge(current: readonly FeedEntry[], more: readonly FeedEntry[]): readonly FeedEntry[] {
  const byKey = new Map(current.map((e) => [entryKey(e), e]));
  for (const entry of more) byKey.set(entryKey(entry), entry);
  return [...byKey.values()].sort((a, b) => b.record.timestamp.localeCompare(a.record.timestamp)).slice(0, keep);
}
