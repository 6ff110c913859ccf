// Issue 15, the trial's broker outage: Kafka itself stopped for 20 s under load, then started again
// on its data. The documents platform runs on a private Kafka (the shared one is never touched),
// uploads and PDF reports go through the gateway before, during and after the outage, and then
// every acknowledged request's operation records are looked for on the logs-* topics.
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { cleanupStack } from '@eventflow/eventstore/testing';
import { metricAt, privateServer, servicePid, startLoad, stopServerFor } from '../testing/faults.ts';
import { readTopics, tally, type Expected } from '../testing/operation-records.ts';
import { startDistributedPlatform } from '../testing/platform-process.ts';

const services = ['gateway', 'logs', 'storage', 'pdf', 'hangfire'];
const outageMs = 20_000;
/** Requests per second from all callers together: load, not a flood that starves the other tests' processes. */
const rate = 30;

interface Acknowledged {
  readonly kind: 'upload' | 'report';
  readonly correlationId: string;
  readonly sha256: string;
  readonly phase: 'before' | 'during' | 'after';
}

// Twice: a controlled shutdown, and SIGKILL (no shutdown at all: Kafka recovers its log on restart).
for (const kill of [false, true]) {
  test(`Kafka ${kill ? 'killed (SIGKILL)' : 'stopped'} for 20 s under load: readiness follows it, no acknowledged operation record is lost`, async (t) => {
    const began = performance.now();
    const defer = cleanupStack(t);
    const kafka = await privateServer(defer, 'kafka');
    const kafkaUp = performance.now();
    const platform = await startDistributedPlatform({ after: defer }, 'fault-broker', {
      kafkaBrokers: [kafka.address],
      systems: ['documents'],
    });
    const url = platform.url;
    const platformUp = performance.now();
    const seconds = (from: number, to = performance.now()) => `${((to - from) / 1000).toFixed(1)} s`;
    const metricsOf = (service: string) =>
      service === 'gateway' ? `${url}/metrics` : `${url}/services/${service}/metrics`;
    const sum = async (metric: string) =>
      (await Promise.all(services.map((s) => metricAt(metricsOf(s), metric)))).reduce((a, b) => a + b, 0);
    const readiness = async (path = '/health/ready') => (await fetch(`${url}${path}`)).status;
    assert.equal(await readiness(), 200, 'ready on the private Kafka');
    const pids = Object.fromEntries(services.map((s) => [s, servicePid(platform.output(), s)]));
    const failuresBefore = await sum('oplog_publish_failures_total');

    // Load: uploads and reports, each with a correlation id of its own, `rate` a second.
    const run = randomUUID().slice(0, 8);
    let phase: Acknowledged['phase'] = 'before';
    const acknowledged: Acknowledged[] = [];
    const refused: string[] = [];
    let sent = 0;
    const load = startLoad(rate, async (n) => {
      sent += 1;
      const at = phase;
      const correlationId = `brk-${run}-${n}`;
      try {
        const done = n % 2 === 0 ? await upload(url, correlationId) : await report(url, correlationId);
        acknowledged.push({ ...done, correlationId, phase: at });
      } catch (error) {
        refused.push(`${correlationId} (${at}): ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    let stopped = false;
    const stopLoad = async () => {
      if (stopped) return;
      stopped = true;
      await load.stop();
    };
    defer(stopLoad); // the load stops before the platform and Kafka, whatever happens
    const countIn = (p: Acknowledged['phase']) => acknowledged.filter((a) => a.phase === p).length;
    await eventually(() => countIn('before') >= 60, 'load flowing before the outage', 30_000);

    // The outage: Kafka's controlled shutdown, 20 s down, started again on the same data.
    let buffered = 0; // the most records waiting at once, sampled each second while Kafka is down
    const sampler = setInterval(
      () =>
        void sum('oplog_records_buffered').then(
          (n) => (buffered = Math.max(buffered, n)),
          () => undefined,
        ),
      1000,
    );
    phase = 'during';
    const outage = await stopServerFor(kafka, outageMs, {
      kill,
      whileDown: async () => {
        await eventually(async () => (await readiness()) === 503, '/health/ready 503 while Kafka is down', 15_000);
        const logsReady = await readiness('/services/logs/health/ready');
        assert.equal(logsReady, 503, 'the logs service (a Kafka consumer) is not ready either');
        await eventually(
          async () => (await sum('oplog_records_buffered')) > 0,
          'operation records buffered while Kafka is down',
          15_000,
        );
      },
    }).finally(() => clearInterval(sampler));
    phase = 'after';
    assert.notEqual(outage.pidAfter, outage.pidBefore, 'Kafka was really stopped and started again');
    await eventually(async () => (await readiness()) === 200, '/health/ready 200 once Kafka is back', 60_000);
    const during = countIn('during');
    await eventually(() => countIn('after') >= 60, 'load flowing after the outage', 30_000);
    await stopLoad();
    const failures = (await sum('oplog_publish_failures_total')) - failuresBefore;
    assert.ok(failures > 0, 'failed publishes are counted');

    // Every record shipped once Kafka is back: nothing waits in any service.
    await eventually(async () => (await sum('oplog_records_buffered')) === 0, 'every buffered record shipped', 60_000);
    for (const service of services) {
      assert.equal(servicePid(platform.output(), service), pids[service], `${service} was never restarted`);
    }
    assert.deepEqual(refused, [], 'every request was served while Kafka was down');
    assert.ok(during > 0, 'requests were acknowledged while Kafka was down');

    // The files: each acknowledged upload and report is stored, whole (downloaded and hashed, 16 at a time).
    for (let i = 0; i < acknowledged.length; i += 16) {
      await Promise.all(
        acknowledged.slice(i, i + 16).map(async (done) => {
          const response = await fetch(`${url}/api/storage/file/${done.correlationId}`);
          assert.equal(response.status, 200, `${done.kind} ${done.correlationId} stored`);
          const bytes = Buffer.from(await response.arrayBuffer());
          assert.equal(createHash('sha256').update(bytes).digest('hex'), done.sha256, `${done.correlationId} intact`);
        }),
      );
    }

    // The logs service follows Kafka again: a request acknowledged while Kafka was down is on the Logs page.
    const witness = acknowledged.find((a) => a.phase === 'during')?.correlationId ?? assert.fail('none during');
    await eventually(
      async () => {
        const response = await fetch(`${url}/api/logs?correlationId=${witness}`);
        return ((await response.json()) as { records: unknown[] }).records.length > 0;
      },
      'the logs service to show a record shipped after the outage',
      30_000,
    );

    // The records: each acknowledged request's, on its topics.
    const expected = acknowledged.flatMap(({ kind, correlationId }): Expected[] =>
      kind === 'upload'
        ? [
            { topic: 'logs-gateway', correlationId, endpoint: 'POST /api/storage/*' },
            { topic: 'logs-storage', correlationId, endpoint: 'POST /api/storage/upload' },
          ]
        : [
            { topic: 'logs-gateway', correlationId, endpoint: 'POST /api/pdf/*' },
            { topic: 'logs-pdf', correlationId, endpoint: 'POST /api/pdf/reports' },
            { topic: 'logs-storage', correlationId, endpoint: 'POST /api/storage/upload' },
          ],
    );
    const logged = (await readTopics([kafka.address], ['logs-gateway', 'logs-pdf', 'logs-storage'])).filter((l) =>
      l.record.correlationId.startsWith(`brk-${run}-`),
    );
    const counts = tally(logged, expected);
    t.diagnostic(
      `sent ${sent}, acknowledged ${acknowledged.length} (${countIn('before')} before, ${during} during, ` +
        `${countIn('after')} after), refused ${refused.length}; records expected ${expected.length}, found ` +
        `${counts.found}, lost ${counts.lost.length}, duplicated ${counts.duplicated}; publish failures ${failures}, ` +
        `at most ${buffered} records buffered; Kafka stopped in ${seconds(0, outage.stopMs)}, down ${seconds(0, outage.downMs)} (restart ${seconds(0, outage.restartMs)}); ` +
        `private Kafka up in ${seconds(began, kafkaUp)}, platform in ${seconds(kafkaUp, platformUp)}, ` +
        `test body ${seconds(began)}`,
    );
    assert.deepEqual(counts.lost, [], 'no acknowledged operation record lost');
  });
}

const generatedAt = () => new Date().toISOString();

/** A PDF of its own bytes (the storage server checks the signature), uploaded through the gateway. */
async function upload(url: string, correlationId: string): Promise<{ kind: 'upload'; sha256: string }> {
  const bytes = Buffer.concat([
    Buffer.from(`%PDF-1.4\n% ${correlationId}\n`, 'latin1'),
    randomBytes(4096 + Math.floor(Math.random() * 28_672)),
    Buffer.from('\n%%EOF\n', 'latin1'),
  ]);
  const form = new FormData();
  form.append('correlationId', correlationId);
  form.append('clientId', 'client-broker');
  form.append('generatedAt', generatedAt());
  form.append('fileName', `${correlationId}.pdf`);
  form.append('file', new Blob([bytes], { type: 'application/pdf' }), `${correlationId}.pdf`);
  const response = await fetch(`${url}/api/storage/upload`, {
    method: 'POST',
    headers: { 'x-correlation-id': correlationId },
    body: form,
  });
  const body = await acknowledgedBody(response);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  assert.equal(body.sha256, sha256, 'the storage server hashed what was sent');
  return { kind: 'upload', sha256 };
}

/** A PDF report rendered by the PDF server and stored by it. */
async function report(url: string, correlationId: string): Promise<{ kind: 'report'; sha256: string }> {
  const response = await fetch(`${url}/api/pdf/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
    body: JSON.stringify({ clientId: 'client-broker', correlationId }),
  });
  return { kind: 'report', sha256: (await acknowledgedBody(response)).sha256 };
}

async function acknowledgedBody(response: Response): Promise<{ sha256: string }> {
  const text = await response.text();
  if (response.status !== 201) throw new Error(`${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as { sha256: string };
}
