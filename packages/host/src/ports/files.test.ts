import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { probeWritable } from './files.ts';

test('concurrent readiness probes of one folder never fail each other, and leave nothing behind', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'probe-'));
  t.after(() => rm(dir, { recursive: true, force: true }));

  const results = await Promise.allSettled(Array.from({ length: 200 }, () => probeWritable(dir)));

  assert.deepEqual(
    results.filter((r) => r.status === 'rejected'),
    [],
  );
  assert.deepEqual(await readdir(dir), []);
});

test('a folder that cannot be written is reported down', async () => {
  await assert.rejects(probeWritable(join(tmpdir(), 'no-such-folder', 'deeper')), /ENOENT/);
});
