import { entryKey, type FeedEntry } from '../../api/logs.ts';
import { CorrelationLink } from '../../ui/CorrelationLink.tsx';
import { formatClock } from '../../ui/format.ts';

/** Operation records, newest first; a record's payload and error unfold under it. */
export function LogTable({ entries }: { readonly entries: readonly FeedEntry[] }) {
  if (entries.length === 0) return <p className="empty">No records yet; new ones appear as they are recorded.</p>;
  return (
    <table className="table logs">
      <thead>
        <tr>
          <th>Time</th>
          <th>Service / topic</th>
          <th>Operation</th>
          <th>Correlation id</th>
          <th>File</th>
          <th className="num">Status</th>
          <th className="num">ms</th>
          <th>Payload / error</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <LogRow key={entryKey(entry)} entry={entry} />
        ))}
      </tbody>
    </table>
  );
}

function LogRow({ entry }: { readonly entry: FeedEntry }) {
  const { record } = entry;
  return (
    <tr className={record.success ? undefined : 'failed'} data-topic={entry.topic} data-service={record.service}>
      <td className="mono nowrap" title={record.timestamp}>
        {formatClock(record.timestamp)}
      </td>
      <td className="nowrap">
        {record.service}
        <div className="muted">{entry.topic}</div>
      </td>
      <td>
        {record.operation === undefined ? null : <strong>{record.operation} </strong>}
        <span className="muted">{record.endpoint}</span>
      </td>
      <td>
        <CorrelationLink id={record.correlationId} />
      </td>
      <td className="file-name">{record.fileName ?? ''}</td>
      <td className="num">
        <span className={record.success ? 'ok-text' : 'error-text'}>
          {record.statusCode ?? (record.success ? 'ok' : 'failed')}
        </span>
      </td>
      <td className="num">{record.durationMs ?? ''}</td>
      <td>
        {record.error === undefined ? null : <div className="error-text">{record.error}</div>}
        <details>
          <summary className="payload-summary">{record.payload.slice(0, 60)}</summary>
          <pre>{pretty(record.payload)}</pre>
        </details>
      </td>
    </tr>
  );
}

function pretty(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}
