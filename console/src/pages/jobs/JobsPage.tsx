import { jobsApi, type JobState } from '../../api/jobs.ts';
import { setQuery, useLocation } from '../../app/router.tsx';
import { usePolling } from '../../hooks/usePolling.ts';
import { Notice } from '../../ui/Notice.tsx';
import { EnqueueForm } from './EnqueueForm.tsx';
import { JobList } from './JobList.tsx';
import { RecurringList } from './RecurringList.tsx';
import { StateCounts } from './StateCounts.tsx';
import { ThroughputChart } from './ThroughputChart.tsx';

/** In the spirit of Hangfire's dashboard: counts, throughput, jobs by state, recurring jobs. */
export function JobsPage() {
  const { query } = useLocation();
  const selected = (query.get('state') ?? undefined) as JobState | undefined;
  const stats = usePolling(() => jobsApi.stats(), 2000, []);
  const select = (state: JobState | undefined) => setQuery({ state }, { replace: true });

  return (
    <div className="page jobs-page">
      <h1>Jobs</h1>
      <Notice>{stats.error}</Notice>
      <StateCounts counts={stats.data?.counts} selected={selected} onSelect={select} />
      <div className="row">
        <ThroughputChart points={stats.data?.throughput ?? []} />
        <EnqueueForm onEnqueued={stats.refresh} />
      </div>
      <JobList key={selected ?? 'all'} state={selected} onSelect={select} />
      <RecurringList recurring={stats.data?.recurring} />
    </div>
  );
}
