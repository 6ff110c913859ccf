// Distributed mode for real: src/main.ts as its own process on PostgreSQL and Kafka, calling a
// (fake) PDF server; its operation records are read back from logs-hangfire with kcat.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { freePort } from '@eventflow/service';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { eventually } from '@eventflow/bus/testing';
import type { OperationRecord } from '@eventflow/oplog';
import type { JobView } from '../jobs/job-view.ts';
import { startFakePdfServer } from '../testing/fake-pdf-server.ts';
import { Cleanup, postgresFixture } from '../testing/fixtures.ts';

const run = promisify(execFile);
const url = process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';
const brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';

test('main.ts runs a job end to end and ships its operation records to logs-hangfire', async (t) => {
  const cleanup = new Cleanup(t);
  const pdf = await startFakePdfServer();
  cleanup.add(() => pdf.close());
  const { schema } = await postgresFixture(url)(cleanup);
  const port = await freePort();
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'main.ts')], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: url,
      JOBS_SCHEMA: schema,
      PDF_URL: pdf.url,
      KAFKA_BROKERS: brokers,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanup.add(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  });
  const base = `http://127.0.0.1:${port}`;
  await eventually(
    async () => {
      const response = await fetch(`${base}/health/ready`).catch(() => undefined);
      return response?.status === 200;
    },
    'the job server ready',
    60_000,
  ).catch((error: unknown) => assert.fail(`${String(error)}\n${output}`));

  const correlationId = `it-${randomUUID()}`;
  const enqueued = await fetch(`${base}/api/hangfire/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
    body: JSON.stringify({ clientId: 'client-it', title: 'Distributed' }),
  });
  assert.equal(enqueued.status, 201);
  const job = (await enqueued.json()) as JobView;
  await eventually(async () => {
    const current = (await (await fetch(`${base}/api/hangfire/jobs/${job.id}`)).json()) as JobView;
    return current.state === 'succeeded';
  }, 'the job succeeded');
  assert.equal(pdf.callsFor(correlationId)[0]?.correlationHeader, correlationId);

  child.kill('SIGTERM');
  assert.equal(await exited, 0, output);

  const records = await eventually(async () => {
    const found = (await kcatAll('logs-hangfire')).filter((r) => r.correlationId === correlationId);
    return found.some((r) => r.operation === 'job.success') ? found : undefined;
  }, 'the records on logs-hangfire');
  assert.ok(records.every((r) => r.service === 'hangfire-server'));
  assert.ok(records.some((r) => r.endpoint === 'POST /api/hangfire/jobs' && r.statusCode === 201));
  assert.ok(records.some((r) => r.operation === 'job.start'));
  assert.ok(records.some((r) => r.operation === 'job.success' && r.fileName === 'report-client-it.pdf'));
});

async function kcatAll(topic: string): Promise<OperationRecord[]> {
  const { stdout } = await run('kcat', ['-b', brokers, '-C', '-t', topic, '-o', 'beginning', '-e', '-J', '-q'], {
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse((JSON.parse(line) as { payload: string }).payload) as OperationRecord);
}
