// Spec 000 end to end, distributed, on the real Kafka and PostgreSQL: `npm run start:distributed`
// (each service its own process), three report jobs enqueued through the gateway as the console
// does, awaited, their PDFs downloaded and read; then the logs-* topics read straight from Kafka
// (a fresh consumer group, from the beginning, after the platform stopped and flushed its logs).
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { extractText, getDocumentProxy } from 'unpdf';
import { partitionFor } from '@eventflow/bus';
import { eventually } from '@eventflow/bus/testing';
import type { JobView } from '@eventflow/job-service';
import type { FeedEntry } from '@eventflow/logs-service';
import { operationLogPartitions, type OperationRecord } from '@eventflow/oplog';
import { readTopics } from './testing/operation-records.ts';
import { kafkaBrokers as brokers, startDistributedPlatform } from './testing/platform-process.ts';

const topics = ['logs-gateway', 'logs-hangfire', 'logs-pdf', 'logs-storage'];

test('documents pipeline, distributed: 3 report jobs → PDFs stored and downloaded; every operation on Kafka', async (t) => {
  const began = new Date();
  const platform = await startDistributedPlatform(t, 'documents-e2e', { systems: ['documents'] });
  const url = platform.url;
  const run = randomUUID().slice(0, 8);

  // 1. Enqueue: the first with a correlation id of the caller's, the others as the console does
  //    (body only; the gateway gives the request its correlation id, which becomes the job's).
  const asked = [
    { clientId: `e2e-a-${run}`, title: 'E2E report A', correlationId: `e2e-${run}-a` },
    { clientId: `e2e-b-${run}`, title: 'E2E report B' },
    { clientId: `e2e-c-${run}`, title: 'E2E report C' },
  ];
  const created: JobView[] = [];
  for (const { correlationId, ...body } of asked) {
    const response = await fetch(`${url}/api/hangfire/jobs`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(correlationId === undefined ? {} : { 'x-correlation-id': correlationId }),
      },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 201, await response.clone().text());
    const job = (await response.json()) as JobView;
    assert.equal(response.headers.get('location'), `/api/hangfire/jobs/${job.id}`);
    assert.equal(job.correlationId, response.headers.get('x-correlation-id'), 'the request’s id is the job’s');
    if (correlationId !== undefined) assert.equal(job.correlationId, correlationId);
    assert.deepEqual(job.arguments, body);
    created.push(job);
  }
  assert.equal(new Set(created.map((j) => j.correlationId)).size, 3, 'three correlation ids');

  // 2. Await each job through the API (polled under the job's own correlation id: reads must leave no record).
  const done = await Promise.all(
    created.map(async (job) => {
      let current = job;
      await eventually(
        async () => {
          const response = await fetch(`${url}/api/hangfire/jobs/${job.id}`, {
            headers: { 'x-correlation-id': job.correlationId },
          });
          current = (await response.json()) as JobView;
          assert.notEqual(current.state, 'failed', JSON.stringify(current.error));
          return current.state === 'succeeded';
        },
        `job ${job.id} to succeed`,
        90_000,
      );
      return current;
    }),
  );

  // 3. Download each PDF by its correlation id, and read it.
  for (const [i, job] of done.entries()) {
    const { clientId, title } = asked[i] ?? assert.fail('asked');
    const stored = job.result ?? assert.fail(`job ${job.id} succeeded without a result`);
    assert.equal(job.attempts, 1, 'no retry was needed');
    assert.equal(stored.correlationId, job.correlationId);
    assert.equal(stored.clientId, clientId);
    assert.equal(stored.fileName, `report-${clientId}-${job.generatedAt.slice(0, 10)}.pdf`);
    assert.equal(stored.duplicate, false);

    const response = await fetch(`${url}/api/storage/file/${job.correlationId}`, {
      headers: { 'x-correlation-id': job.correlationId },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.equal(response.headers.get('etag'), `"${stored.sha256}"`);
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.equal(response.headers.get('content-length'), String(bytes.length));
    assert.equal(bytes.length, stored.size);
    assert.equal(createHash('sha256').update(bytes).digest('hex'), stored.sha256);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(bytes.subarray(-32).toString('latin1'), /%%EOF\s*$/);
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const { totalPages, text } = await extractText(pdf, { mergePages: true });
    assert.equal(totalPages, 1);
    assert.match(text, new RegExp(`^${title}\\n`), 'the title heads the report');
    assert.ok(text.includes(`Client: ${clientId}\n`), text);
    assert.ok(text.includes(`Correlation ID: ${job.correlationId}\n`), text);
    assert.ok(text.includes(`Generated: ${job.generatedAt}\n`), text);
    assert.ok(text.includes('Page 1 of 1'), text);
  }

  // 4. The console's Logs page (the logs service, following Kafka) shows each job's records.
  for (const job of done) {
    await eventually(
      async () => {
        const response = await fetch(`${url}/api/logs?correlationId=${job.correlationId}`);
        const { records } = (await response.json()) as { records: FeedEntry[] };
        const operations = new Set(records.map((r) => `${r.topic}:${r.record.operation ?? r.record.endpoint}`));
        return ['logs-hangfire:job.success', 'logs-pdf:render', 'logs-storage:upload', 'logs-storage:download'].every(
          (o) => operations.has(o),
        );
      },
      `the Logs page to show ${job.correlationId}'s records`,
      // The logs service replays every logs-* topic from its beginning at start: on a broker holding a
      // long run's records, and a loaded machine, that outlasted 60 s (starting near the end is the fix).
      120_000,
    );
  }

  // 5. Stop the platform: every service flushes its operation log before it exits.
  assert.equal(await platform.stop(), 0, platform.output());
  const ended = new Date();

  // 6. Read the logs-* topics from Kafka, from the beginning to their end.
  const ids = new Set(done.map((j) => j.correlationId));
  const logged = (await readTopics(brokers, topics)).filter((l) => ids.has(l.record.correlationId));
  for (const job of done) {
    const id = job.correlationId;
    const fileName = job.result?.fileName;
    const mine = logged.filter((l) => l.record.correlationId === id);
    const on = (topic: string) => mine.filter((l) => l.topic === topic).map((l) => l.record);
    const at = (record: OperationRecord | undefined) => Date.parse(record?.timestamp ?? 'missing');

    for (const { topic, partition, record } of mine) {
      assert.equal(partition, partitionFor(id, operationLogPartitions), `${topic}: one partition per correlation id`);
      assert.equal(record.success, true, `${topic} ${record.endpoint} succeeded`);
      assert.match(record.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.ok(at(record) >= began.getTime() && at(record) <= ended.getTime(), `${record.timestamp} within the run`);
      assert.doesNotThrow(() => JSON.parse(record.payload) as unknown, 'the payload is JSON text');
    }

    // The job server: the enqueue call and one attempt, no record of the reads (the polling above).
    const hangfire = on('logs-hangfire');
    assert.deepEqual(hangfire.map((r) => r.operation ?? r.endpoint).sort(), [
      'POST /api/hangfire/jobs',
      'job.start',
      'job.success',
    ]);
    assert.ok(hangfire.every((r) => r.service === 'hangfire-server'));
    const enqueued = hangfire.find((r) => r.endpoint === 'POST /api/hangfire/jobs');
    assert.equal(enqueued?.statusCode, 201);
    assert.deepEqual(JSON.parse(enqueued?.payload ?? '{}'), job.arguments);
    const started = hangfire.find((r) => r.operation === 'job.start');
    assert.equal(started?.endpoint, 'job:report');
    assert.deepEqual(JSON.parse(started?.payload ?? '{}'), {
      jobId: job.id,
      correlationId: id,
      clientId: job.arguments.clientId,
      attempt: 1,
      attempts: job.retry.retryLimit + 1,
    });
    const succeeded = hangfire.find((r) => r.operation === 'job.success');
    assert.equal(succeeded?.fileName, fileName);
    assert.equal(typeof succeeded?.durationMs, 'number');

    // The PDF server: one render, stored.
    const [render, ...moreRenders] = on('logs-pdf');
    assert.deepEqual(moreRenders, []);
    assert.equal(render?.service, 'pdf-server');
    assert.equal(render?.operation, 'render');
    assert.equal(render?.endpoint, 'POST /api/pdf/reports');
    assert.equal(render?.statusCode, 201);
    assert.equal(render?.fileName, fileName);
    assert.equal(typeof render?.durationMs, 'number');

    // The storage server: one upload, one download, each with the file name.
    const storage = on('logs-storage');
    assert.deepEqual(storage.map((r) => r.operation).sort(), ['download', 'upload']);
    const upload = storage.find((r) => r.operation === 'upload');
    const fetched = storage.find((r) => r.operation === 'download');
    assert.deepEqual(
      storage.map((r) => [r.service, r.fileName]),
      [
        ['storage-server', fileName],
        ['storage-server', fileName],
      ],
    );
    assert.equal(upload?.endpoint, 'POST /api/storage/upload');
    assert.equal(upload?.statusCode, 201);
    assert.equal(fetched?.endpoint, 'GET /api/storage/file/:correlationId');
    assert.equal(fetched?.statusCode, 200);

    // The gateway: the enqueue and the download (its reads are no operations either).
    const gateway = on('logs-gateway');
    assert.deepEqual(gateway.map((r) => `${r.endpoint.split(' ')[0]} ${r.statusCode}`).sort(), ['GET 200', 'POST 201']);

    // Cause before effect, on the one clock of this machine. A record is taken when its response has
    // been sent, which the caller may see first (a caller can record before its callee does), so each
    // pair is checked as "the cause began before the effect was recorded": the attempt started, then
    // the PDF server's request began, then the upload was stored, then the attempt succeeded.
    const startOf = (record: OperationRecord | undefined) => at(record) - Math.ceil(record?.durationMs ?? 0);
    assert.ok(at(started) <= at(upload), 'job.start ≤ upload');
    assert.ok(startOf(render) <= at(upload), 'render began ≤ upload');
    assert.ok(startOf(upload) <= at(render), 'upload began ≤ render');
    assert.ok(startOf(render) <= at(succeeded), 'render began ≤ job.success');
    assert.ok(at(upload) <= at(fetched), 'upload ≤ download');
  }
});
