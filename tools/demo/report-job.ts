// One report job of the documents demo, through the gateway as the console does it: enqueue on
// the job server, follow it to its end, download its PDF from the storage server.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { correlationHeader } from '@eventflow/correlation';
import type { JobView } from '@eventflow/job-service';
import type { Progress, Tracked } from './progress.ts';

export interface ReportJob extends Tracked {
  readonly title: string;
}

export interface Downloaded {
  readonly job: JobView;
  /** Where the PDF was written. */
  readonly path: string;
  readonly bytes: number;
}

/** POST /api/hangfire/jobs with the job's correlation id; answers the job as created. */
export async function enqueue(url: string, job: ReportJob, progress: Progress): Promise<JobView> {
  const response = await fetch(`${url}/api/hangfire/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [correlationHeader]: job.correlationId },
    body: JSON.stringify({ clientId: job.clientId, title: job.title }),
    signal: AbortSignal.timeout(30_000),
  });
  if (response.status !== 201) {
    throw new Error(`enqueueing job ${job.index}: ${response.status} ${await response.text()}`);
  }
  const created = (await response.json()) as JobView;
  progress.step(job, 'enqueued', `job ${created.id} (${created.state})`);
  return created;
}

/** Polls the job until it succeeds (printing each state it is seen in); a failed job is an error. */
export async function awaitJob(
  url: string,
  job: ReportJob,
  id: string,
  progress: Progress,
  timeoutMs: number,
): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  let seen = 'enqueued';
  for (;;) {
    const response = await fetch(`${url}/api/hangfire/jobs/${id}`, { signal: AbortSignal.timeout(10_000) });
    if (response.status !== 200) throw new Error(`job ${job.index}: GET ${id} answered ${response.status}`);
    const current = (await response.json()) as JobView;
    const mark = `${current.state}/${current.attempts}`;
    if (mark !== seen) {
      seen = mark;
      report(job, current, progress);
    }
    if (current.state === 'succeeded') return current;
    if (current.state === 'failed' || current.state === 'deleted') {
      throw new Error(`job ${job.index} (${job.correlationId}) ${current.state}: ${current.error?.message ?? ''}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`job ${job.index} (${job.correlationId}) still ${current.state} after ${timeoutMs / 1000} s`);
    }
    await sleep(150);
  }
}

function report(job: ReportJob, current: JobView, progress: Progress): void {
  const result = current.result;
  if (current.state === 'succeeded' && result !== undefined) {
    progress.step(job, 'PDF stored', `${result.fileName}, ${result.size} bytes, sha256 ${result.sha256.slice(0, 12)}…`);
  } else if (current.state === 'processing') {
    progress.step(job, 'processing', `attempt ${current.attempts}`);
  } else if (current.state === 'retrying') {
    progress.step(job, 'retrying', `${current.error?.message ?? ''} (next at ${current.runAt ?? '?'})`);
  } else {
    progress.step(job, current.state, current.error?.message ?? '');
  }
}

/** GET /api/storage/file/{correlationId}: checks it is the stored PDF, and writes it into `dir`. */
export async function download(url: string, job: ReportJob, done: JobView, dir: string, progress: Progress) {
  const stored = done.result;
  if (stored === undefined) throw new Error(`job ${job.index} succeeded without a stored file`);
  const response = await fetch(`${url}/api/storage/file/${encodeURIComponent(job.correlationId)}`, {
    headers: { [correlationHeader]: job.correlationId },
    signal: AbortSignal.timeout(30_000),
  });
  if (response.status !== 200) throw new Error(`downloading ${job.correlationId}: ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const problems = [
    response.headers.get('content-type') === 'application/pdf'
      ? ''
      : `content-type ${response.headers.get('content-type')}`,
    bytes.subarray(0, 5).toString('latin1') === '%PDF-' ? '' : 'no %PDF- header',
    bytes.length === stored.size ? '' : `${bytes.length} bytes, stored ${stored.size}`,
    createHash('sha256').update(bytes).digest('hex') === stored.sha256 ? '' : 'SHA-256 differs from the stored one',
  ].filter((p) => p !== '');
  if (problems.length > 0)
    throw new Error(`the PDF of ${job.correlationId} is not what was stored: ${problems.join('; ')}`);
  const path = join(dir, stored.fileName);
  await writeFile(path, bytes);
  progress.step(job, 'downloaded', path);
  return { job: done, path, bytes: bytes.length } satisfies Downloaded;
}
