import { jobsApi, type JobView } from '../../api/jobs.ts';
import { downloadUrl } from '../../api/storage.ts';
import type { Action } from '../../hooks/useAction.ts';
import { CorrelationLink } from '../../ui/CorrelationLink.tsx';
import { formatBytes, formatRelative, shortId } from '../../ui/format.ts';
import { Time } from '../../ui/Time.tsx';
import { StateBadge } from './StateBadge.tsx';

export function JobRow({ job, action }: { readonly job: JobView; readonly action: Action }) {
  return (
    <tr data-job-id={job.id} data-state={job.state}>
      <td>
        <span className="mono" title={job.id}>
          {shortId(job.id)}
        </span>
        {job.recurringId === undefined ? null : <span className="tag">recurring {job.recurringId}</span>}
        {job.continueAfter === undefined ? null : <span className="tag">after {shortId(job.continueAfter)}</span>}
      </td>
      <td>
        <StateBadge state={job.state} />
      </td>
      <td>
        <Arguments job={job} />
      </td>
      <td className="num" title={`retry limit ${job.retry.retryLimit}`}>
        {job.attempts} / {job.retry.retryLimit + 1}
      </td>
      <td>
        <CorrelationLink id={job.correlationId} />
      </td>
      <td>
        <When job={job} />
      </td>
      <td>
        <Outcome job={job} />
      </td>
      <td className="commands">
        <Commands job={job} action={action} />
      </td>
    </tr>
  );
}

function Arguments({ job }: { readonly job: JobView }) {
  const { clientId, title, fileName, rows } = job.arguments;
  return (
    <details className="arguments">
      <summary>
        client <strong>{clientId}</strong>
        {title === undefined ? '' : ` · ${title}`}
        {fileName === undefined ? '' : ` · ${fileName}`}
        {rows === undefined ? '' : ` · ${rows.length} rows`}
      </summary>
      <pre>{JSON.stringify(job.arguments, null, 2)}</pre>
    </details>
  );
}

function When({ job }: { readonly job: JobView }) {
  if (job.finishedAt !== undefined) return <Time at={job.finishedAt} />;
  if (job.runAt !== undefined && (job.state === 'scheduled' || job.state === 'retrying')) {
    return <span title={job.runAt}>due {formatRelative(job.runAt)}</span>;
  }
  return <Time at={job.startedAt ?? job.createdAt} />;
}

function Outcome({ job }: { readonly job: JobView }) {
  if (job.result !== undefined) {
    return (
      <a href={downloadUrl(job.result.correlationId)} download={job.result.fileName}>
        {job.result.fileName} ({formatBytes(job.result.size)})
      </a>
    );
  }
  if (job.error === undefined) return <span className="muted">—</span>;
  return (
    <span className="error-text" title={job.error.message}>
      {[job.error.code, job.error.status].filter((x) => x !== undefined).join(' ')} {job.error.message}
    </span>
  );
}

function Commands({ job, action }: { readonly job: JobView; readonly action: Action }) {
  const retriable = job.state === 'failed' || job.state === 'deleted';
  const triggerable = job.state === 'scheduled' || job.state === 'retrying';
  return (
    <>
      {retriable && (
        <button type="button" disabled={action.busy} onClick={() => action.run(() => jobsApi.retry(job.id))}>
          Retry
        </button>
      )}
      {triggerable && (
        <button type="button" disabled={action.busy} onClick={() => action.run(() => jobsApi.trigger(job.id))}>
          Trigger now
        </button>
      )}
      <button
        type="button"
        className="danger"
        disabled={action.busy}
        onClick={() => action.run(() => jobsApi.remove(job.id))}
      >
        Delete
      </button>
    </>
  );
}
