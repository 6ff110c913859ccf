import { jobsApi, stateLabels, type JobState } from '../../api/jobs.ts';
import { useAction } from '../../hooks/useAction.ts';
import { usePolling } from '../../hooks/usePolling.ts';
import { Notice } from '../../ui/Notice.tsx';
import { Panel } from '../../ui/Panel.tsx';
import { JobRow } from './JobRow.tsx';

/** The newest jobs in one state (or all), refreshed every 2 s, with their commands. */
export function JobList(props: {
  readonly state: JobState | undefined;
  readonly onSelect: (state: undefined) => void;
}) {
  const jobs = usePolling(() => jobsApi.list(props.state), 2000, [props.state]);
  const action = useAction(jobs.refresh);
  const title = props.state === undefined ? 'Latest jobs' : `${stateLabels[props.state]} jobs`;
  const showAll =
    props.state === undefined ? undefined : (
      <button type="button" className="link-button" onClick={() => props.onSelect(undefined)}>
        all states
      </button>
    );

  return (
    <Panel title={title} actions={showAll} className="job-list">
      <Notice>{jobs.error ?? action.error}</Notice>
      {jobs.data?.length === 0 ? (
        <p className="empty">No jobs{props.state === undefined ? '' : ` ${props.state}`}.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Job</th>
              <th>State</th>
              <th>Arguments</th>
              <th>Attempts</th>
              <th>Correlation id</th>
              <th>When</th>
              <th>Outcome</th>
              <th aria-label="Commands" />
            </tr>
          </thead>
          <tbody>
            {jobs.data?.map((job) => (
              <JobRow key={job.id} job={job} action={action} />
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
