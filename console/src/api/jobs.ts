import type { JobState, JobStats, JobView, RecurringView, ReportRequest } from '@eventflow/job-service';
import { callApi, getJson, withQuery } from './http.ts';

export type { JobState, JobStats, JobView, RecurringView };

/** The states in the order Hangfire's dashboard shows them; a Record so that none is forgotten. */
export const stateLabels: Readonly<Record<JobState, string>> = {
  enqueued: 'Enqueued',
  scheduled: 'Scheduled',
  processing: 'Processing',
  retrying: 'Retrying',
  succeeded: 'Succeeded',
  failed: 'Failed',
  deleted: 'Deleted',
  awaiting: 'Awaiting',
};
export const jobStates = Object.keys(stateLabels) as JobState[];

export interface Timing {
  readonly delaySeconds?: number;
}
export type EnqueueRequest = ReportRequest & Timing;
export type RecurringRequest = ReportRequest & {
  readonly id: string;
  readonly cron: string;
  readonly timezone?: string;
};

const base = '/api/hangfire';

export const jobsApi = {
  stats: () => getJson<JobStats>(`${base}/stats`),
  list: (state: JobState | undefined, limit = 50) =>
    getJson<{ jobs: JobView[] }>(withQuery(`${base}/jobs`, { state, limit })).then((r) => r.jobs),
  enqueue: (request: EnqueueRequest) => callApi<JobView>('POST', `${base}/jobs`, request),
  retry: (id: string) => callApi<JobView>('POST', `${base}/jobs/${id}/retry`),
  trigger: (id: string) => callApi<JobView>('POST', `${base}/jobs/${id}/trigger`),
  remove: (id: string) => callApi<undefined>('DELETE', `${base}/jobs/${id}`),
};

export const recurringApi = {
  list: () => getJson<{ recurring: RecurringView[] }>(`${base}/recurring`).then((r) => r.recurring),
  upsert: (request: RecurringRequest) => callApi<RecurringView>('POST', `${base}/recurring`, request),
  pause: (id: string) => callApi<RecurringView>('POST', `${base}/recurring/${encodeURIComponent(id)}/pause`),
  resume: (id: string) => callApi<RecurringView>('POST', `${base}/recurring/${encodeURIComponent(id)}/resume`),
  trigger: (id: string) => callApi<JobView>('POST', `${base}/recurring/${encodeURIComponent(id)}/trigger`),
  remove: (id: string) => callApi<undefined>('DELETE', `${base}/recurring/${encodeURIComponent(id)}`),
};
