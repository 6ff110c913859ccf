import { jobStates, stateLabels, type JobState, type JobStats } from '../../api/jobs.ts';

/** One card per state with its live count; a card selects the state's jobs below. */
export function StateCounts(props: {
  readonly counts: JobStats['counts'] | undefined;
  readonly selected: JobState | undefined;
  readonly onSelect: (state: JobState | undefined) => void;
}) {
  return (
    <ul className="counts" aria-label="Jobs per state">
      {jobStates.map((state) => (
        <li key={state}>
          <button
            type="button"
            className={`count count-${state}${props.selected === state ? ' selected' : ''}`}
            onClick={() => props.onSelect(props.selected === state ? undefined : state)}
            data-state={state}
          >
            <span className="count-value">{props.counts?.[state] ?? '–'}</span>
            <span className="count-label">{stateLabels[state]}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
