import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { operationLogTopic, type OperationRecord } from './record.ts';
import { OperationLog } from './shipper.ts';
import { OperationSpool } from './spool.ts';

async function folder(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'oplog-spool-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const record = (i: number): OperationRecord => ({
  correlationId: `c-${i}`,
  service: 'test',
  endpoint: 'POST /x',
  timestamp: new Date(0).toISOString(),
  payload: '{}',
  success: true,
});

test('what is spooled and not confirmed comes back after a restart, in order; what is confirmed does not', async (t) => {
  const dir = await folder(t);
  const spool = new OperationSpool({ dir, segmentBytes: 512 });
  assert.deepEqual(await spool.recover(), []);
  const seqs = Array.from({ length: 30 }, (_, i) => spool.append(record(i)));
  await spool.persisted();
  await spool.shipped(seqs[19]!);
  await spool.close();
  assert.ok((await readdir(dir)).filter((f) => f.endsWith('.log')).length < 5, 'shipped segments are removed');

  // A crash tears the last line while writing it.
  const segments = (await readdir(dir)).filter((f) => f.endsWith('.log')).sort();
  await appendFile(join(dir, segments.at(-1)!), '{"seq":31,"record":{"corr');

  const again = new OperationSpool({ dir, segmentBytes: 512 });
  const back = await again.recover();
  assert.deepEqual(
    back.map((r) => r.record.correlationId),
    Array.from({ length: 10 }, (_, i) => `c-${i + 20}`),
  );
  assert.equal(again.append(record(99)), 31, 'sequence numbers go on after the recovered ones');
  await again.close();
});

test('an operation log with a spool ships, after a crash, the records a broker never confirmed', async (t) => {
  const dir = await folder(t);
  const child = spawn(process.execPath, [join(import.meta.dirname, 'spool-crash-child.ts'), dir, '250'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await eventually(() => output.includes('recorded 250'), 'the child to record 250 operations');
  child.kill('SIGKILL');
  await exited;

  const published: OperationRecord[] = [];
  const log = new OperationLog({
    service: 'crash-child',
    topic: operationLogTopic('crash-child'),
    bus: {
      publish: (_topic, messages) => {
        published.push(...messages.map((m) => m.value as OperationRecord));
        return Promise.resolve([]);
      },
    },
    spool: new OperationSpool({ dir, segmentBytes: 4096 }),
  });
  assert.equal(await log.recover(), 250);
  await log.flush();
  await log.close();
  assert.deepEqual(
    published.map((r) => r.correlationId),
    Array.from({ length: 250 }, (_, i) => `c-${i}`),
    'every record, once, in order',
  );

  const third = new OperationSpool({ dir, segmentBytes: 4096 });
  assert.deepEqual(await third.recover(), [], 'once shipped, nothing comes back');
  await third.close();
});
