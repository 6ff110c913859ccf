import { stateLabels, type JobState } from '../../api/jobs.ts';

export function StateBadge({ state }: { readonly state: JobState }) {
  return <span className={`badge badge-${state}`}>{stateLabels[state]}</span>;
}
