import { useState, type FormEvent, type ReactNode } from 'react';
import type { ReportRequest } from '@eventflow/job-service';
import { messageOf } from '../../api/http.ts';
import { jobsApi, recurringApi } from '../../api/jobs.ts';
import { CorrelationLink } from '../../ui/CorrelationLink.tsx';
import { formatRelative, shortId } from '../../ui/format.ts';
import { Notice } from '../../ui/Notice.tsx';
import { Panel } from '../../ui/Panel.tsx';

type Kind = 'now' | 'delayed' | 'recurring';

interface Fields {
  kind: Kind;
  clientId: string;
  title: string;
  fileName: string;
  delaySeconds: string;
  recurringId: string;
  cron: string;
  timezone: string;
}

const initial: Fields = {
  kind: 'now',
  clientId: '',
  title: '',
  fileName: '',
  delaySeconds: '60',
  recurringId: '',
  cron: '*/5 * * * *',
  timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
};

type Setter = (name: keyof Fields) => (event: { target: { value: string } }) => void;

/** The ids the job server accepts (they name stored files). */
const safeId = '[A-Za-z0-9._\\-]{1,100}';

/** Enqueues a report job for a client: now (fire-and-forget), after a delay, or on a cron schedule. */
export function EnqueueForm({ onEnqueued }: { readonly onEnqueued: () => void }) {
  const [fields, setFields] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok?: ReactNode; error?: string }>({});
  const set: Setter = (name) => (event) => setFields((f) => ({ ...f, [name]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    enqueue(fields)
      .then((ok) => {
        setOutcome({ ok });
        onEnqueued();
      })
      .catch((error: unknown) => setOutcome({ error: messageOf(error) }))
      .finally(() => setBusy(false));
  };

  return (
    <Panel title="Enqueue a report" className="enqueue">
      <form onSubmit={submit} className="form" aria-label="Enqueue a report job">
        <fieldset className="kinds">
          <legend>When</legend>
          {(['now', 'delayed', 'recurring'] as const).map((kind) => (
            <label key={kind}>
              <input type="radio" name="kind" value={kind} checked={fields.kind === kind} onChange={set('kind')} />
              {kind === 'now' ? 'now (fire-and-forget)' : kind}
            </label>
          ))}
        </fieldset>
        <label>
          Client id
          <input
            name="clientId"
            required
            pattern={safeId}
            placeholder="acme"
            value={fields.clientId}
            onChange={set('clientId')}
          />
        </label>
        <label>
          Title <input name="title" maxLength={200} value={fields.title} onChange={set('title')} />
        </label>
        <label>
          File name
          <input
            name="fileName"
            pattern="[^/\\\\]{1,251}\.pdf"
            placeholder="report.pdf"
            value={fields.fileName}
            onChange={set('fileName')}
          />
        </label>
        <TimingFields fields={fields} set={set} />
        <button type="submit" className="primary" disabled={busy}>
          {fields.kind === 'recurring' ? 'Save recurring job' : 'Enqueue'}
        </button>
      </form>
      <Notice kind="ok">{outcome.ok}</Notice>
      <Notice>{outcome.error}</Notice>
    </Panel>
  );
}

/** The delay of a delayed job, or the schedule of a recurring one. */
function TimingFields({ fields, set }: { readonly fields: Fields; readonly set: Setter }) {
  return (
    <>
      {fields.kind === 'delayed' && (
        <label>
          Delay (seconds)
          <input
            name="delaySeconds"
            type="number"
            min={0}
            required
            value={fields.delaySeconds}
            onChange={set('delaySeconds')}
          />
        </label>
      )}
      {fields.kind === 'recurring' && (
        <>
          <label>
            Recurring id
            <input
              name="recurringId"
              pattern={safeId}
              placeholder={`report-${fields.clientId || 'client'}`}
              value={fields.recurringId}
              onChange={set('recurringId')}
            />
          </label>
          <label>
            Cron <input name="cron" required value={fields.cron} onChange={set('cron')} />
          </label>
          <label>
            Time zone <input name="timezone" required value={fields.timezone} onChange={set('timezone')} />
          </label>
        </>
      )}
    </>
  );
}

async function enqueue(fields: Fields): Promise<ReactNode> {
  const report: ReportRequest = {
    clientId: fields.clientId,
    ...(fields.title === '' ? {} : { title: fields.title }),
    ...(fields.fileName === '' ? {} : { fileName: fields.fileName }),
  };
  if (fields.kind === 'recurring') {
    const id = fields.recurringId || `report-${fields.clientId}`;
    const saved = await recurringApi.upsert({ ...report, id, cron: fields.cron, timezone: fields.timezone });
    const next = saved.nextRuns[0];
    return `Recurring job ${saved.id} saved${next === undefined ? '' : `; next run ${formatRelative(next)}`}.`;
  }
  const job = await jobsApi.enqueue({
    ...report,
    ...(fields.kind === 'delayed' ? { delaySeconds: Number(fields.delaySeconds) } : {}),
  });
  return (
    <span data-enqueued-job={job.id}>
      Job {shortId(job.id)} {job.state}; correlation id <CorrelationLink id={job.correlationId} />
    </span>
  );
}
