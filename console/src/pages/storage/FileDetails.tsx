import { downloadUrl, storageApi } from '../../api/storage.ts';
import { useLoaded } from '../../hooks/usePolling.ts';
import { CorrelationLink } from '../../ui/CorrelationLink.tsx';
import { formatBytes } from '../../ui/format.ts';
import { Notice } from '../../ui/Notice.tsx';
import { Panel } from '../../ui/Panel.tsx';

/** One stored file's metadata (GET …/metadata, itself logged as an operation) and its download. */
export function FileDetails({ correlationId }: { readonly correlationId: string }) {
  const meta = useLoaded(() => storageApi.metadata(correlationId), [correlationId]);
  const file = meta.data;
  return (
    <Panel title="File" className="file-details">
      <Notice>{meta.error}</Notice>
      {file === undefined ? null : (
        <>
          <dl className="meta">
            <dt>File name</dt>
            <dd>{file.fileName}</dd>
            <dt>Client</dt>
            <dd>{file.clientId}</dd>
            <dt>Correlation id</dt>
            <dd>
              <CorrelationLink id={file.correlationId} />
            </dd>
            <dt>Size</dt>
            <dd>
              {formatBytes(file.size)} ({file.size} bytes)
            </dd>
            <dt>Type</dt>
            <dd>{file.contentType}</dd>
            <dt>Generated</dt>
            <dd>{file.generatedAt}</dd>
            <dt>Stored</dt>
            <dd>{file.storedAt}</dd>
            <dt>Path</dt>
            <dd className="mono">{file.path}</dd>
            <dt>SHA-256</dt>
            <dd className="mono hash">{file.sha256}</dd>
          </dl>
          <p className="actions">
            <a className="button primary" href={downloadUrl(file.correlationId)} download={file.fileName}>
              Download
            </a>
            <a className="button" href={downloadUrl(file.correlationId)} target="_blank" rel="noreferrer">
              Open
            </a>
          </p>
        </>
      )}
    </Panel>
  );
}
