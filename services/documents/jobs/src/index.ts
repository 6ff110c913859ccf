export { jobService, type JobServiceOptions } from './service/job-service.ts';
export type { JobDatabaseOption } from './db/open.ts';
export {
  HttpPdfClient,
  PdfCallError,
  type HttpPdfClientOptions,
  type PdfClient,
  type PdfReportRequest,
  type StoredReport,
} from './pdf/pdf-client.ts';
export { defaultRetryPolicy, type RetryPolicy } from './queue/retry-policy.ts';
export type { JobState, JobView } from './jobs/job-view.ts';
export type { JobStats } from './jobs/stats.ts';
export type { RecurringView } from './recurring/recurring-view.ts';
export type { ReportRequest, ReportRow } from './queue/report-job.ts';
export { hangfire } from './descriptor.ts';
