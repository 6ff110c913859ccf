import { recurringApi, type JobStats, type RecurringView } from '../../api/jobs.ts';
import { useAction, type Action } from '../../hooks/useAction.ts';
import { usePolling } from '../../hooks/usePolling.ts';
import { formatRelative, shortId } from '../../ui/format.ts';
import { Notice } from '../../ui/Notice.tsx';
import { Panel } from '../../ui/Panel.tsx';

/** Recurring (cron) jobs: their schedule, next runs and last job; pause, resume, trigger now, delete. */
export function RecurringList({ recurring: counts }: { readonly recurring: JobStats['recurring'] | undefined }) {
  const recurring = usePolling(() => recurringApi.list(), 3000, []);
  const action = useAction(recurring.refresh);
  const title = `Recurring jobs${counts === undefined ? '' : ` (${counts.active} active, ${counts.paused} paused)`}`;

  return (
    <Panel title={title} className="recurring">
      <Notice>{recurring.error ?? action.error}</Notice>
      {recurring.data?.length === 0 ? (
        <p className="empty">No recurring jobs. Add one with the form above (When: recurring).</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Id</th>
              <th>Cron</th>
              <th>Client</th>
              <th>Next run</th>
              <th>Last job</th>
              <th>State</th>
              <th aria-label="Commands" />
            </tr>
          </thead>
          <tbody>
            {recurring.data?.map((entry) => (
              <RecurringRow key={entry.id} entry={entry} action={action} />
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function RecurringRow({ entry, action }: { readonly entry: RecurringView; readonly action: Action }) {
  const next = entry.nextRuns[0];
  return (
    <tr data-recurring-id={entry.id} data-paused={entry.paused}>
      <td className="mono">{entry.id}</td>
      <td>
        <code>{entry.cron}</code> <span className="muted">{entry.timezone}</span>
      </td>
      <td>
        {entry.arguments.clientId}
        {entry.arguments.title === undefined ? '' : ` · ${entry.arguments.title}`}
      </td>
      <td title={entry.nextRuns.join('\n')}>{next === undefined ? '—' : formatRelative(next)}</td>
      <td className="mono">{entry.lastJobId === undefined ? '—' : shortId(entry.lastJobId)}</td>
      <td>
        <span className={`badge ${entry.paused ? 'badge-paused' : 'badge-active'}`}>
          {entry.paused ? 'Paused' : 'Active'}
        </span>
      </td>
      <td className="commands">
        {entry.paused ? (
          <button type="button" disabled={action.busy} onClick={() => action.run(() => recurringApi.resume(entry.id))}>
            Resume
          </button>
        ) : (
          <button type="button" disabled={action.busy} onClick={() => action.run(() => recurringApi.pause(entry.id))}>
            Pause
          </button>
        )}
        <button type="button" disabled={action.busy} onClick={() => action.run(() => recurringApi.trigger(entry.id))}>
          Trigger now
        </button>
        <button
          type="button"
          className="danger"
          disabled={action.busy}
          onClick={() => action.run(() => recurringApi.remove(entry.id))}
        >
          Delete
        </button>
      </td>
    </tr>
  );
}
