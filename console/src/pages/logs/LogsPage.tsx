import { logsApi } from '../../api/logs.ts';
import { setQuery, useLocation } from '../../app/router.tsx';
import { usePolling } from '../../hooks/usePolling.ts';
import { Notice } from '../../ui/Notice.tsx';
import { Panel } from '../../ui/Panel.tsx';
import { LogFilter } from './LogFilter.tsx';
import { LogTable } from './LogTable.tsx';
import { useLogStream } from './useLogStream.ts';

/** Live operation records of the logs-* topics, filtered by correlation id and topic (in the URL). */
export function LogsPage() {
  const { query } = useLocation();
  const correlationId = query.get('correlationId') ?? '';
  const topic = query.get('topic') ?? '';
  const showReads = query.get('reads') === 'shown';
  const topics = usePolling(() => logsApi.topics(), 10_000, []);
  const stream = useLogStream({ correlationId, topic }, showReads);
  const title = `${stream.entries.length} records${correlationId ? ` of ${correlationId}` : ''}`;

  const status = (
    <span className={stream.live ? 'live on' : 'live'} aria-live="polite">
      <span className="dot" aria-hidden /> {stream.live ? 'live' : 'connecting…'}
    </span>
  );
  return (
    <div className="page logs-page">
      <h1>Logs</h1>
      <LogFilter
        correlationId={correlationId}
        topic={topic}
        topics={topics.data?.map((t) => t.topic) ?? []}
        showReads={showReads}
        onChange={(changes) => setQuery(changes)}
      />
      <Notice>{stream.error ?? topics.error}</Notice>
      <Panel title={title} actions={status}>
        <LogTable entries={stream.entries} />
      </Panel>
    </div>
  );
}
