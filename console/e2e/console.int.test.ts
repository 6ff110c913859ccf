// The console end to end, as a new user meets it: `npm start` (tools/start.ts) on a fresh data folder,
// and `npm run start:distributed` on the real Kafka and PostgreSQL; each walked through every page in
// headless chromium (Debian's, driven by playwright-core). Screenshots go to test-results/console/
// (embedded) and test-results/console/distributed/.
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startDistributedPlatform, startEmbeddedPlatform } from '../../tools/testing/platform-process.ts';
import { ensureConsoleBuilt } from '../bundle/index.ts';
import { openBrowser } from './browser.ts';

const results = join(import.meta.dirname, '..', '..', 'test-results', 'console');
const jobTimeout = 60_000;

/** The same walk through the console on both ways to run the platform; screenshots per mode. */
const modes = [
  {
    name: 'embedded (npm start)',
    shots: results,
    start: (t: TestContext) => startEmbeddedPlatform(t, 'console-e2e'),
  },
  {
    name: 'distributed (npm run start:distributed, on Kafka and PostgreSQL)',
    shots: join(results, 'distributed'),
    start: (t: TestContext) => startDistributedPlatform(t, 'console-e2e', { systems: ['documents'] }),
  },
];

for (const mode of modes) {
  test(`the console, ${mode.name}: health, a report job enqueued to succeeded, its logs by correlation id, its PDF by date`, async (t) => {
    await consoleWalk(t, mode.shots, await mode.start(t));
  });
}

async function consoleWalk(t: TestContext, shots: string, platform: { url: string }): Promise<void> {
  await ensureConsoleBuilt({ progress: () => {} });
  await mkdir(shots, { recursive: true });
  const browser = await openBrowser(t);
  const page = browser.pages()[0] ?? (await browser.newPage());
  await assertServed(platform.url);

  const client = `e2e-${Date.now()}`;
  let job = { id: '', correlationId: '' };

  await t.test('the shell shows every service of GET /health', async () => {
    await page.goto(`${platform.url}/console/`);
    const health = (await (await fetch(`${platform.url}/health`)).json()) as {
      services: Array<{ name: string; status: string }>;
    };
    for (const service of health.services) {
      await page.locator(`.chip[data-service="${service.name}"]`).getByText(service.status).waitFor();
    }
    await page.locator('.health .pill').getByText('all up').waitFor();
  });

  await t.test('Jobs: a report enqueued from the form reaches succeeded', async () => {
    await enqueue(page, { kind: 'now (fire-and-forget)', clientId: client, title: 'Console e2e' });
    job = await enqueuedJob(page, '');
    const row = jobRow(page, job.id, 'succeeded');
    await row.waitFor({ timeout: jobTimeout });
    await row.getByText(`report-${client}`).waitFor();
    await page
      .locator('.count[data-state="succeeded"] .count-value')
      .getByText(/^[1-9]/)
      .waitFor();
    await page.locator('.throughput .totals', { hasText: /[1-9]\d* succeeded/ }).waitFor();
  });

  await t.test('Jobs: delayed jobs, one triggered now, one deleted and brought back by retry', async () => {
    await enqueue(page, { kind: 'delayed', clientId: `${client}-early`, delaySeconds: '3600' });
    const early = await enqueuedJob(page, job.id);
    await jobRow(page, early.id, 'scheduled').getByRole('button', { name: 'Trigger now' }).click();
    await jobRow(page, early.id, 'succeeded').waitFor({ timeout: jobTimeout });

    await enqueue(page, { kind: 'delayed', clientId: `${client}-later`, delaySeconds: '3600' });
    const later = await enqueuedJob(page, early.id);
    await jobRow(page, later.id, 'scheduled').getByRole('button', { name: 'Delete' }).click();
    await jobRow(page, later.id, 'deleted').getByRole('button', { name: 'Retry' }).click();
    await jobRow(page, later.id, 'scheduled').waitFor();
  });

  await t.test('Jobs: a recurring job is saved, paused and resumed', async () => {
    const id = `${client}-nightly`;
    await enqueue(page, { kind: 'recurring', clientId: client, recurringId: id, cron: '0 3 * * *' });
    const row = page.locator(`tr[data-recurring-id="${id}"]`);
    await page.locator(`tr[data-recurring-id="${id}"][data-paused="false"]`).waitFor();
    await row.getByRole('button', { name: 'Pause' }).click();
    await page.locator(`tr[data-recurring-id="${id}"][data-paused="true"]`).waitFor();
    await row.getByRole('button', { name: 'Resume' }).click();
    await page.locator(`tr[data-recurring-id="${id}"][data-paused="false"]`).waitFor();
    await page.screenshot({ path: join(shots, 'jobs.png'), fullPage: true });
  });

  await t.test('Logs: the job’s correlation id opens its records from the three services', async () => {
    await page.locator(`tr[data-job-id="${job.id}"] a.correlation`).click();
    await page.waitForURL(`**/console/logs?correlationId=${job.correlationId}`);
    assert.equal(await page.getByLabel('Correlation id', { exact: true }).inputValue(), job.correlationId);
    await page.locator('.live.on').waitFor();
    // The logs service reads every logs-* topic from its beginning when it starts (it keeps the last
    // 2,000 records of each): on a broker that already holds a long test run's records, catching up
    // outlasted Playwright's 30 s on a loaded machine. Waited for longer; starting near the end of
    // each topic is the fix, still to make (a start position in the bus's subscribe).
    const catchingUp = { timeout: 120_000 };
    await page.locator('tr[data-topic="logs-hangfire"]').getByText('job.success', { exact: true }).waitFor(catchingUp);
    await page.locator('tr[data-topic="logs-pdf"]').getByText('render', { exact: true }).waitFor(catchingUp);
    await page.locator('tr[data-topic="logs-storage"]').getByText('upload', { exact: true }).waitFor(catchingUp);
    const ids = await page
      .locator('table.logs a.correlation')
      .evaluateAll((links) => links.map((link) => link.getAttribute('data-correlation-id')));
    assert.deepEqual(new Set(ids), new Set([job.correlationId]), 'only the job’s records');
    await page.screenshot({ path: join(shots, 'logs.png'), fullPage: true });
  });

  await t.test('Storage: the PDF is found by date, its metadata shown, and it downloads', async () => {
    const stored = (await (await fetch(`${platform.url}/api/hangfire/jobs/${job.id}`)).json()) as {
      result: { path: string; size: number; fileName: string };
    };
    const date = stored.result.path.slice(0, 10);
    await page.getByRole('link', { name: 'Storage', exact: true }).click();
    await page.locator(`button[data-date="${date}"]`).click();
    await page.locator(`tr[data-correlation-id="${job.correlationId}"]`).getByRole('button').click();
    const details = page.locator('.file-details');
    await details.getByText(stored.result.path).waitFor();
    await details.getByText(`${stored.result.size} bytes`).waitFor();
    await page.screenshot({ path: join(shots, 'storage.png'), fullPage: true });

    const link = details.getByRole('link', { name: 'Download' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), stored.result.fileName);
    const bytes = await readFile(await download.path());
    assert.equal(bytes.length, stored.result.size);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');

    const response = await fetch(new URL((await link.getAttribute('href')) ?? '', platform.url));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.equal(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
      '%PDF-',
    );
  });
}

/** Says what is missing when the platform does not serve the console or the job server. */
async function assertServed(url: string): Promise<void> {
  const page = await fetch(`${url}/console/`);
  assert.equal(page.status, 200, 'the gateway serves no /console: pass consoleDir to buildGateway in tools/start.ts');
  const jobs = await fetch(`${url}/api/hangfire/stats`);
  assert.equal(jobs.status, 200, 'the platform routes no /api/hangfire: add the job server to tools/platform.ts');
}

interface EnqueueFields {
  readonly kind: 'now (fire-and-forget)' | 'delayed' | 'recurring';
  readonly clientId: string;
  readonly title?: string;
  readonly delaySeconds?: string;
  readonly recurringId?: string;
  readonly cron?: string;
}

async function enqueue(page: Page, fields: EnqueueFields): Promise<void> {
  const form = page.getByRole('form', { name: 'Enqueue a report job' });
  await form.getByLabel(fields.kind, { exact: true }).check();
  await form.getByLabel('Client id', { exact: true }).fill(fields.clientId);
  await form.getByLabel('Title', { exact: true }).fill(fields.title ?? '');
  if (fields.delaySeconds !== undefined) await form.getByLabel('Delay (seconds)').fill(fields.delaySeconds);
  if (fields.recurringId !== undefined) await form.getByLabel('Recurring id').fill(fields.recurringId);
  if (fields.cron !== undefined) await form.getByLabel('Cron', { exact: true }).fill(fields.cron);
  await form.getByRole('button', { name: fields.kind === 'recurring' ? 'Save recurring job' : 'Enqueue' }).click();
  if (fields.kind === 'recurring') await page.getByText(`Recurring job ${fields.recurringId} saved`).waitFor();
}

function jobRow(page: Page, id: string, state: string): Locator {
  return page.locator(`tr[data-job-id="${id}"][data-state="${state}"]`);
}

/** The job the form last enqueued (its notice), once it is another than `previous`. */
async function enqueuedJob(page: Page, previous: string): Promise<{ id: string; correlationId: string }> {
  const notice = page.locator(`[data-enqueued-job]:not([data-enqueued-job="${previous}"])`);
  await notice.waitFor();
  const id = (await notice.getAttribute('data-enqueued-job')) ?? '';
  const correlationId = (await notice.locator('a.correlation').getAttribute('data-correlation-id')) ?? '';
  return { id, correlationId };
}
