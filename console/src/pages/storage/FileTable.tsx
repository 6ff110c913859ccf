import { storageApi } from '../../api/storage.ts';
import { usePolling } from '../../hooks/usePolling.ts';
import { CorrelationLink } from '../../ui/CorrelationLink.tsx';
import { formatBytes } from '../../ui/format.ts';
import { Notice } from '../../ui/Notice.tsx';
import { Panel } from '../../ui/Panel.tsx';
import { Time } from '../../ui/Time.tsx';

/** The files of one date, newest first; a row opens the file's metadata. */
export function FileTable(props: {
  readonly date: string;
  readonly selected: string | undefined;
  readonly onSelect: (correlationId: string) => void;
}) {
  const files = usePolling(() => storageApi.onDate(props.date), 5000, [props.date]);
  const newestFirst = [...(files.data ?? [])].reverse();
  return (
    <Panel title={`Files of ${props.date}`} className="files">
      <Notice>{files.error}</Notice>
      {files.data?.length === 0 ? <p className="empty">No files on this date.</p> : null}
      <table className="table selectable">
        <thead>
          <tr>
            <th>File</th>
            <th>Client</th>
            <th>Correlation id</th>
            <th className="num">Size</th>
            <th>Stored</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((file) => (
            <tr
              key={file.correlationId}
              className={file.correlationId === props.selected ? 'selected' : undefined}
              data-correlation-id={file.correlationId}
            >
              <td>
                <button type="button" className="link-button" onClick={() => props.onSelect(file.correlationId)}>
                  {file.fileName}
                </button>
              </td>
              <td>{file.clientId}</td>
              <td>
                <CorrelationLink id={file.correlationId} short />
              </td>
              <td className="num">{formatBytes(file.size)}</td>
              <td>
                <Time at={file.storedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
