import { eventually } from '@eventflow/bus/testing';
import type { OperationRecord } from '@eventflow/oplog';
import { recordingOperationLog } from '@eventflow/oplog/testing';
import { buildService, type ServiceApp } from '@eventflow/service';
import { capturedLines, injectJson, type JsonRequest, type JsonResponse } from '@eventflow/service/testing';
import type { JobState, JobView } from '../jobs/job-view.ts';
import { jobService, type JobServiceOptions } from '../service/job-service.ts';
import type { FakePdfServer } from './fake-pdf-server.ts';
import type { Cleanup, DatabaseFixture } from './fixtures.ts';

export interface JobHarness {
  readonly app: ServiceApp;
  /** Operation records the service shipped (through a fake bus). */
  readonly records: OperationRecord[];
  /** pino lines at error level or above (pg-boss errors among them). */
  readonly errors: Array<Record<string, unknown>>;
  request<T = unknown>(request: JsonRequest): Promise<JsonResponse<T>>;
  /** Enqueues a job (201 expected) and answers it. */
  enqueue(body: Record<string, unknown>, headers?: Record<string, string>): Promise<JobView>;
  job(id: string): Promise<JobView>;
  /** Awaits the job reaching `state`. */
  waitFor(id: string, state: JobState): Promise<JobView>;
  /** Closes the service (idempotent); the test's cleanup does it too. */
  close(): Promise<void>;
}

export type HarnessOptions = Omit<JobServiceOptions, 'db' | 'pdf' | 'log' | 'schema'>;

/** A job server on the fixture's database, calling `pdf`, its operation records captured. */
export async function openHarness(
  cleanup: Cleanup,
  fixture: DatabaseFixture,
  pdf: FakePdfServer,
  options: HarnessOptions = {},
): Promise<JobHarness> {
  const { log, records } = recordingOperationLog('hangfire', 'hangfire-server');
  const definition = jobService({
    retry: { retryLimit: 3, retryDelay: 1, backoff: true },
    pollingIntervalSeconds: 0.5,
    ...options,
    db: fixture.db,
    schema: fixture.schema,
    pdf: { url: pdf.url, timeoutMs: 5000 },
    log,
  });
  // At level 'error', every line the logger writes is an error (or worse).
  const { lines: errors, stream } = capturedLines();
  const app = buildService(definition, { logger: { stream, level: 'error' }, defaultMetrics: false });
  await app.ready();
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= app.close().then(() => log.close());
    return closing;
  };
  cleanup.add(close);
  const request = <T>(r: JsonRequest) => injectJson<T>(app, r);
  const job = async (id: string) => {
    const response = await request<JobView>({ method: 'GET', url: `/api/hangfire/jobs/${id}` });
    if (response.statusCode !== 200) throw new Error(`GET job ${id}: ${response.statusCode} ${response.text}`);
    return response.body;
  };
  return {
    app,
    records,
    errors,
    request,
    async enqueue(body, headers = {}) {
      const response = await request<JobView>({ method: 'POST', url: '/api/hangfire/jobs', payload: body, headers });
      if (response.statusCode !== 201) throw new Error(`enqueue: ${response.statusCode} ${response.text}`);
      return response.body;
    },
    job,
    waitFor: (id, state) =>
      eventually(async () => {
        const current = await job(id);
        return current.state === state ? current : undefined;
      }, `job ${id} ${state}`),
    close,
  };
}
