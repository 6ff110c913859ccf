// The audit trail of a job survives a crash at any point (issue 15, finding 1): each record is on disk
// (the operation log's spool) before the state change it tells of is committed, so a process killed
// between the two leaves a record of what happened (perhaps twice, never missing).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OperationLog } from '@eventflow/oplog';
import { createServiceMetrics } from '@eventflow/service';
import type { FastifyBaseLogger } from 'fastify';
import type { JobWithMetadata } from 'pg-boss';
import type { PdfClient, StoredReport } from '../pdf/pdf-client.ts';
import type { JobContext } from '../queue/job-context.ts';
import type { ReportJobData } from '../queue/report-job.ts';
import { Completions } from './completions.ts';
import { JobReporter } from './job-outcome.ts';
import { runReport } from './run-report.ts';

function runnerTracing(steps: string[]) {
  let pending: string[] = [];
  const log = {
    record(record: { operation: string }) {
      pending.push(record.operation);
    },
    persisted() {
      steps.push(...pending.map((operation) => `${operation} on disk`));
      pending = [];
      return Promise.resolve();
    },
  } as unknown as OperationLog;
  const quiet = { info() {}, warn() {}, error() {} } as unknown as FastifyBaseLogger;
  const file: StoredReport = {
    fileName: 'report-c.pdf',
    path: 'c/2026/report-c.pdf',
    size: 10,
    sha256: 'a'.repeat(64),
  } as StoredReport;
  return {
    context: {} as JobContext,
    pdf: {
      generateReport: () => {
        steps.push('PDF stored');
        return Promise.resolve(file);
      },
    } as unknown as PdfClient,
    reporter: new JobReporter(log, quiet, createServiceMetrics({ service: 'hangfire', defaultMetrics: false })),
    completions: new Completions((attempts) => {
      steps.push('job completed (committed)');
      return Promise.resolve(new Set(attempts.map((attempt) => attempt.id)));
    }),
  };
}

const job = {
  id: '00000000-0000-4000-8000-000000000001',
  data: { clientId: 'c', correlationId: 'corr-1' },
  retryCount: 0,
  retryLimit: 2,
  createdOn: new Date('2026-12-01T00:00:00Z'),
} as unknown as JobWithMetadata<ReportJobData>;

test('job.start is on disk before the work, job.success before the job is completed', async () => {
  const steps: string[] = [];
  const result = await runReport(runnerTracing(steps), job);
  assert.equal(result.status, 'completed');
  assert.deepEqual(steps, ['job.start on disk', 'PDF stored', 'job.success on disk', 'job completed (committed)']);
});
