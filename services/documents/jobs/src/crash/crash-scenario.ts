// A job server SIGKILLed in the middle of a job, and another started on the same database: the job
// it had in hand must be taken back and finish in seconds (issue 15, finding 5), not after pg-boss's
// 15-minute expiry. The PDF server (a fake in this process) holds the killed attempt's call.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { eventually } from '@eventflow/bus/testing';
import { correlationHeader } from '@eventflow/correlation';
import type { JobView } from '../jobs/job-view.ts';
import type { FakePdfServer } from '../testing/fake-pdf-server.ts';
import type { Cleanup } from '../testing/fixtures.ts';

const child = join(import.meta.dirname, 'crash-child.ts');

interface JobServerProcess {
  readonly process: ChildProcess;
  readonly url: string;
  output(): string;
}

/** Starts a job server process and awaits its URL. */
async function startJobServer(cleanup: Cleanup, env: Record<string, string>): Promise<JobServerProcess> {
  const proc = spawn(process.execPath, [child], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (out = (out + chunk).slice(-8000)));
  const exited = once(proc, 'exit');
  cleanup.add(async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGKILL');
      await exited;
    }
  });
  const url = await eventually(
    () => {
      if (proc.exitCode !== null) throw new Error(`the job server exited (${proc.exitCode}):\n${out}`);
      return /LISTENING (\S+)/.exec(out)?.[1];
    },
    'the job server listening',
    60_000,
  );
  return { process: proc, url, output: () => out };
}

async function getJob(server: JobServerProcess, id: string): Promise<JobView | undefined> {
  const response = await fetch(`${server.url}/api/hangfire/jobs/${id}`).catch(() => undefined);
  return response?.status === 200 ? ((await response.json()) as JobView) : undefined;
}

export interface CrashOutcome {
  /** The job as the second server finally shows it. */
  readonly job: JobView;
  /** From the kill to the job succeeded, in seconds (a figure for the report, not a threshold). */
  readonly recoverySeconds: number;
}

/**
 * Enqueues a job on a first job server, SIGKILLs it while the job's PDF call is in hand, starts a
 * second one on the same database and awaits the job succeeded there (within `deadlineMs`,
 * generous: the point is seconds rather than pg-boss's default 900 s expiry).
 */
export async function crashMidJob(
  cleanup: Cleanup,
  pdf: FakePdfServer,
  env: Record<string, string>,
  deadlineMs = 120_000,
): Promise<CrashOutcome> {
  const first = await startJobServer(cleanup, env);
  await eventually(
    async () => (await fetch(`${first.url}/health/ready`)).status === 200,
    'the first server ready',
    60_000,
  );
  pdf.hold();
  const correlationId = `crash-${Date.now()}`;
  const response = await fetch(`${first.url}/api/hangfire/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [correlationHeader]: correlationId },
    body: JSON.stringify({ clientId: 'client-crash', title: 'Killed mid-job' }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  const enqueued = (await response.json()) as JobView;
  await eventually(() => pdf.held === 1, 'the job’s PDF call in hand', 30_000);
  first.process.kill('SIGKILL');
  await once(first.process, 'exit');
  assert.equal(first.process.signalCode, 'SIGKILL');
  const killedAt = Date.now();
  pdf.release(); // the killed attempt's call is answered to no one; the next ones are answered at once

  const second = await startJobServer(cleanup, env);
  const job = await eventually(
    async () => {
      const current = await getJob(second, enqueued.id);
      return current?.state === 'succeeded' ? current : undefined;
    },
    `job ${enqueued.id} succeeded on the second job server`,
    deadlineMs,
  ).catch(async (error: unknown) => {
    const current = await getJob(second, enqueued.id);
    throw new Error(`${String(error)}; the job is ${JSON.stringify(current)}\n${second.output()}`);
  });
  const calls = pdf.callsFor(correlationId);
  assert.equal(calls.length, 2, 'two attempts: the killed one, and the one that finished');
  assert.equal(new Set(calls.map((call) => JSON.stringify(call.body))).size, 1, 'with the same input');
  assert.equal(job.attempts, 2);
  return { job, recoverySeconds: Math.round((Date.now() - killedAt) / 100) / 10 };
}
