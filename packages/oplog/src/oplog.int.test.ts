// Operation logs on real Kafka, read back by kcat (Debian's Kafka client, independent of ours) and
// by the `npm run logs` test client.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { partitionFor } from '@eventflow/bus';
import { createKafkaBus } from '@eventflow/bus/kafka';
import { eventually } from '@eventflow/bus/testing';
import { readSheet } from 'read-excel-file/node';
import { operationLogTopic, type OperationRecord } from './record.ts';
import { OperationLog } from './shipper.ts';

const run = promisify(execFile);
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const cli = join(import.meta.dirname, 'cli', 'main.ts');

interface KcatRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  readonly payload: string;
  readonly headers?: string[];
}

async function kcatAll(topic: string): Promise<KcatRecord[]> {
  const { stdout } = await run('kcat', [
    '-b',
    brokers.join(','),
    '-C',
    '-t',
    topic,
    '-o',
    'beginning',
    '-e',
    '-J',
    '-q',
  ]);
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as KcatRecord);
}

test('operation records reach logs-<service> on Kafka: spec fields, keyed by correlation id, one id on one partition', async (t) => {
  const bus = await createKafkaBus({ brokers, clientId: 'oplog-it' });
  t.after(() => bus.close());
  const topic = operationLogTopic(`it-${randomUUID().slice(0, 8)}`);
  await bus.declare([topic]);
  const log = new OperationLog({ service: 'storage-server', topic, bus });
  const correlationIds = Array.from({ length: 6 }, () => randomUUID());
  for (let i = 0; i < 30; i++) {
    log.record({
      endpoint: i % 2 === 0 ? '/api/storage/upload' : `/api/storage/file/${correlationIds[i % 6]}`,
      operation: i % 2 === 0 ? 'upload' : 'download',
      correlationId: correlationIds[i % 6]!,
      fileName: `report-${i}.pdf`,
      payload: { clientId: `client-${i}` },
      success: i !== 7,
    });
  }
  await log.flush();
  assert.deepEqual(log.stats, { buffered: 0, shipped: 30, dropped: 0 });

  const { stdout: meta } = await run('kcat', ['-b', brokers.join(','), '-L', '-t', topic.name, '-J']);
  const described = JSON.parse(meta) as { topics: Array<{ topic: string; partitions: unknown[] }> };
  assert.equal(described.topics[0]?.partitions.length, 3, 'logs topics have 3 partitions');

  const records = await kcatAll(topic.name);
  assert.equal(records.length, 30);
  for (const record of records) {
    const body = JSON.parse(record.payload) as OperationRecord;
    assert.equal(record.key, body.correlationId, 'keyed by correlation id');
    assert.equal(body.service, 'storage-server');
    assert.match(body.endpoint, /^\/api\/storage\//);
    assert.match(body.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'ISO-8601 UTC');
    assert.equal(typeof body.payload, 'string');
    assert.deepEqual(Object.keys(JSON.parse(body.payload) as object), ['clientId']);
    assert.equal(typeof body.success, 'boolean');
    assert.match(body.fileName ?? '', /^report-\d+\.pdf$/);
    assert.equal(record.partition, partitionFor(body.correlationId, 3), 'the partition the Java client would pick');
  }
  for (const id of correlationIds) {
    const partitions = new Set(records.filter((r) => r.key === id).map((r) => r.partition));
    assert.equal(partitions.size, 1, `${id} stays on one partition`);
  }
  assert.equal(records.filter((r) => (JSON.parse(r.payload) as OperationRecord).success === false).length, 1);
});

test('npm run logs: export writes CSV and XLSX execution logs; tail follows one correlation id live', async (t) => {
  const bus = await createKafkaBus({ brokers, clientId: 'oplog-cli-it' });
  t.after(() => bus.close());
  const topic = operationLogTopic(`it-${randomUUID().slice(0, 8)}`);
  await bus.declare([topic]);
  const log = new OperationLog({ service: 'pdf-server', topic, bus });
  for (let i = 0; i < 5; i++) {
    log.record({
      endpoint: '/api/pdf/render',
      correlationId: `corr-${i}`,
      payload: 'say "hi", twice\nplease',
      success: true,
    });
  }
  await log.flush();
  const dir = await mkdtemp(join(tmpdir(), 'logs-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const env = { ...process.env, KAFKA_BROKERS: brokers.join(',') };

  const csvFile = join(dir, 'run.csv');
  await run(process.execPath, [cli, 'export', '--format', 'csv', '--topic', topic.name, '--out', csvFile], { env });
  const csv = await readFile(csvFile, 'utf8');
  assert.match(csv, /^timestamp,service,endpoint,operation,correlationId,success,/);
  assert.equal(
    (csv.match(/\r\n/g) ?? []).length,
    1 + 5,
    'a header line and five records (CRLF line ends; the LF inside a payload stays quoted)',
  );
  assert.ok(csv.includes('"say ""hi"", twice\nplease"'), 'quotes, commas and line breaks are escaped');

  const xlsxFile = join(dir, 'run.xlsx');
  await run(
    process.execPath,
    [cli, 'export', '--format', 'xlsx', '--topic', topic.name, '--correlation-id', 'corr-3', '--out', xlsxFile],
    { env },
  );
  const sheet = await readSheet(xlsxFile);
  assert.equal(sheet.length, 2, 'header and the one record of corr-3');
  assert.equal(sheet[0]?.[0], 'timestamp');
  assert.equal(sheet[1]?.[4], 'corr-3');

  const tail = spawn(process.execPath, [cli, 'tail', '--topic', topic.name, '--correlation-id', 'corr-live'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => tail.kill('SIGKILL'));
  let out = '';
  let err = '';
  tail.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  tail.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  await eventually(() => err.includes('following'), 'tail to start');
  // Keep recording until tail has joined and printed the live record (it starts at the end of the topic).
  await eventually(
    async () => {
      log.record({ endpoint: '/api/pdf/render', correlationId: 'corr-other', success: true });
      log.record({ endpoint: '/api/pdf/render', correlationId: 'corr-live', success: false, error: 'renderer down' });
      await log.flush();
      return out.includes('corr-live');
    },
    'tail to print the live record',
    60_000,
  );
  assert.ok(out.includes('renderer down'));
  assert.ok(!out.includes('corr-other'), 'other correlation ids are filtered out');
});
