// Issue 15, the trial's database outage: PostgreSQL itself stopped for 20 s under load, then started
// again on its data. The job server runs on a private PostgreSQL (the shared one is never touched);
// report jobs are enqueued through the gateway before, during and after the outage by callers that
// honour Retry-After; then every acknowledged job must have run, once, to one stored PDF.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '@eventflow/bus/testing';
import { cleanupStack } from '@eventflow/eventstore/testing';
import type { JobView } from '@eventflow/job-service';
import { privateServer, servicePid, startLoad, stopServerFor } from '../testing/faults.ts';
import { startDistributedPlatform } from '../testing/platform-process.ts';

const outageMs = 20_000;
/** New jobs (new callers) per second. */
const rate = 10;
/** How long a caller keeps retrying one job (on 503, after Retry-After) before it gives up. */
const patienceMs = 60_000;

type Phase = 'before' | 'during' | 'after';

test('PostgreSQL stopped for 20 s under load: the job server stays up, answers 503, and runs every acknowledged job once', async (t) => {
  const began = performance.now();
  const seconds = (from: number, to = performance.now()) => `${((to - from) / 1000).toFixed(1)} s`;
  const defer = cleanupStack(t);
  const postgres = await privateServer(defer, 'postgres');
  const databaseUp = performance.now();
  const platform = await startDistributedPlatform({ after: defer }, 'fault-database', {
    databaseUrl: postgres.address,
    systems: ['documents'],
  });
  const url = platform.url;
  const platformUp = performance.now();
  const readiness = async (path = '/health/ready') => (await fetch(`${url}${path}`)).status;
  assert.equal(await readiness(), 200, 'ready on the private PostgreSQL');
  const jobServer = servicePid(platform.output(), 'hangfire');

  // Load: report jobs, `rate` a second, each under a correlation id of its own, each caller retrying
  // after Retry-After on a 503 until its job is acknowledged (or its patience runs out).
  const run = randomUUID().slice(0, 8);
  let phase: Phase = 'before';
  const acknowledged = new Map<string, { readonly jobId: string; readonly phase: Phase }>();
  const statuses = new Map<string, number>(); // "<phase> <status>" → answers
  const refusals = new Map<string, number>(); // the problem code of each 503 → how many
  const withoutRetryAfter: string[] = [];
  const abandoned: string[] = [];
  let sent = 0;
  const load = startLoad(rate, async (n) => {
    const correlationId = `db-${run}-${n}`;
    sent += 1;
    const giveUp = performance.now() + patienceMs;
    for (;;) {
      const at = phase;
      const response = await enqueue(url, correlationId).catch(() => undefined);
      const status = response?.status ?? 0;
      statuses.set(`${at} ${status}`, (statuses.get(`${at} ${status}`) ?? 0) + 1);
      if (response !== undefined && (status === 201 || status === 200)) {
        const job = (await response.json()) as JobView;
        acknowledged.set(correlationId, { jobId: job.id, phase: at });
        return;
      }
      if (status === 503) {
        const { code } = (await response?.json()) as { code?: string };
        refusals.set(`${code}`, (refusals.get(`${code}`) ?? 0) + 1);
      } else await response?.body?.cancel();
      const retryAfter = Number(response?.headers.get('retry-after') ?? Number.NaN);
      if (status === 503 && !(retryAfter > 0)) withoutRetryAfter.push(correlationId);
      if (performance.now() > giveUp) {
        abandoned.push(correlationId);
        return;
      }
      await sleep(1000 * (retryAfter > 0 ? retryAfter : 1)); // as Retry-After asks
    }
  });
  let stopped = false;
  const stopLoad = async () => {
    if (stopped) return;
    stopped = true;
    await load.stop();
  };
  defer(stopLoad); // the load stops before the platform and PostgreSQL, whatever happens
  const ackedIn = (p: Phase) => [...acknowledged.values()].filter((a) => a.phase === p).length;
  await eventually(() => ackedIn('before') >= 20, 'load flowing before the outage', 30_000);

  // A burst just before the stop, so that jobs are running when PostgreSQL goes.
  const burst = await Promise.all(
    Array.from({ length: 40 }, async (_, i) => {
      const correlationId = `db-${run}-burst-${i}`;
      sent += 1;
      const response = await enqueue(url, correlationId);
      assert.equal(response.status, 201, await response.clone().text());
      acknowledged.set(correlationId, { jobId: ((await response.json()) as JobView).id, phase: 'before' });
    }),
  );
  const stats = await fetch(`${url}/api/hangfire/stats`);
  const { counts: atTheStop } = (await stats.json()) as { counts: Record<string, number> };

  // The outage: PostgreSQL's fast shutdown (open transactions rolled back), 20 s down, started again.
  phase = 'during';
  const outage = await stopServerFor(postgres, outageMs, {
    whileDown: async () => {
      await eventually(async () => (await readiness()) === 503, '/health/ready 503 while PostgreSQL is down', 15_000);
      assert.equal(await readiness('/services/hangfire/health/ready'), 503, 'the job server is not ready');
      await eventually(
        () => [...statuses.keys()].some((k) => k === 'during 503'),
        'an enqueue refused with 503 while PostgreSQL is down',
        15_000,
      );
    },
  });
  phase = 'after';
  assert.notEqual(outage.pidAfter, outage.pidBefore, 'PostgreSQL was really stopped and started again');
  await eventually(async () => (await readiness()) === 200, '/health/ready 200 once PostgreSQL is back', 60_000);
  await eventually(() => ackedIn('after') >= 20, 'load flowing after the outage', 60_000);
  await stopLoad();

  assert.equal(servicePid(platform.output(), 'hangfire'), jobServer, 'the job server never restarted');
  assert.doesNotMatch(platform.output(), /\[hangfire\] exited/, 'the job server never exited');
  const answers = Object.fromEntries(statuses);
  const unexpected = Object.entries(answers).filter(([key]) => !/ (200|201|503)$/.test(key));
  assert.deepEqual(unexpected, [], 'every answer was 201, 200 (a retry of an enqueue that went through) or 503');
  assert.deepEqual(withoutRetryAfter, [], 'every 503 had Retry-After');
  assert.deepEqual(
    [...refusals.keys()],
    ['SERVICE.UNAVAILABLE'],
    "every 503 was the job server's own, not the gateway's",
  );
  assert.deepEqual(abandoned, [], 'every job was acknowledged in the end');

  // Every acknowledged job succeeds, and once: one job per correlation id, one stored PDF each.
  const mine = async () => (await allJobs(url)).filter((job) => job.correlationId.startsWith(`db-${run}-`));
  let jobs: JobView[] = [];
  await eventually(
    async () => {
      jobs = await mine();
      const failed = jobs.find((job) => job.state === 'failed');
      assert.equal(failed, undefined, `a job failed: ${JSON.stringify(failed?.error)}`);
      return jobs.length >= acknowledged.size && jobs.every((job) => job.state === 'succeeded');
    },
    'every acknowledged job to succeed',
    60_000,
  );
  const perCorrelation = new Map<string, JobView[]>();
  for (const job of jobs)
    perCorrelation.set(job.correlationId, [...(perCorrelation.get(job.correlationId) ?? []), job]);
  const twice = [...perCorrelation].filter(([, list]) => list.length > 1).map(([id]) => id);
  assert.deepEqual(twice, [], 'one job per correlation id');
  for (const [correlationId, { jobId }] of acknowledged) {
    assert.equal(perCorrelation.get(correlationId)?.[0]?.id, jobId, `${correlationId}: the acknowledged job`);
  }
  const stored = await storedFiles(url, jobs);
  const pdfs = new Map<string, number>();
  for (const file of stored) pdfs.set(file.correlationId, (pdfs.get(file.correlationId) ?? 0) + 1);
  for (const job of jobs) {
    assert.equal(pdfs.get(job.correlationId), 1, `${job.correlationId}: one PDF`);
    const file = stored.find((f) => f.correlationId === job.correlationId);
    assert.equal(file?.sha256, job.result?.sha256, `${job.correlationId}: the job's PDF is the stored one`);
  }
  const retried = jobs.filter((job) => job.attempts > 1).length;
  const rendered = jobs.filter((job) => job.result?.duplicate === true).length;
  t.diagnostic(
    `jobs sent ${sent}, acknowledged ${acknowledged.size} (${ackedIn('before')} before, ${ackedIn('during')} during, ` +
      `${ackedIn('after')} after), answers ${JSON.stringify(answers)}, 503s ${JSON.stringify(Object.fromEntries(refusals))}, abandoned ${abandoned.length}; ` +
      `succeeded ${jobs.length}, jobs per correlation id > 1: ${twice.length}, PDFs ${stored.length} ` +
      `(more than one for a job: ${[...pdfs.values()].filter((n) => n > 1).length}), attempts > 1: ${retried}, ` +
      `PDF stored again (same bytes): ${rendered}; at the stop ${atTheStop['processing']} processing and ` +
      `${atTheStop['enqueued']} enqueued (after a burst of ${burst.length}); PostgreSQL stopped in ` +
      `${seconds(0, outage.stopMs)}, down ${seconds(0, outage.downMs)} (restart ` +
      `${seconds(0, outage.restartMs)}); private PostgreSQL up in ${seconds(began, databaseUp)}, platform in ` +
      `${seconds(databaseUp, platformUp)}, test body ${seconds(began)}`,
  );
});

/** Rows enough for a report of several pages: jobs take a while, so some are running when PostgreSQL stops. */
const rows = Array.from({ length: 400 }, (_, i) => ({ label: `line ${i + 1}`, value: i * 7 }));

async function enqueue(url: string, correlationId: string): Promise<Response> {
  return fetch(`${url}/api/hangfire/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
    body: JSON.stringify({ clientId: 'client-database', title: `Outage report ${correlationId}`, rows }),
    signal: AbortSignal.timeout(30_000),
  });
}

/** Every job the server knows, newest first, page by page. */
async function allJobs(url: string): Promise<JobView[]> {
  const jobs: JobView[] = [];
  for (let offset = 0; ; offset += 500) {
    const response = await fetch(`${url}/api/hangfire/jobs?limit=500&offset=${offset}`);
    assert.equal(response.status, 200);
    const page = ((await response.json()) as { jobs: JobView[] }).jobs;
    jobs.push(...page);
    if (page.length < 500) return jobs;
  }
}

/** The storage server's listing of the days the jobs' PDFs are stored on. */
async function storedFiles(
  url: string,
  jobs: readonly JobView[],
): Promise<Array<{ correlationId: string; sha256: string }>> {
  const days = [...new Set(jobs.map((job) => job.generatedAt.slice(0, 10)))];
  const files: Array<{ correlationId: string; sha256: string }> = [];
  for (const day of days) {
    const response = await fetch(`${url}/api/storage/files?date=${day}`);
    assert.equal(response.status, 200);
    const listed = ((await response.json()) as { files: Array<{ correlationId: string; sha256: string }> }).files;
    files.push(...listed.filter((file) => jobs.some((job) => job.correlationId === file.correlationId)));
  }
  return files;
}
