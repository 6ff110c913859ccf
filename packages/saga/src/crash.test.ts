import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { assertResumed, crashBetweenSteps } from './crash/crash-scenario.ts';
import { uniqueSchema } from './test-support.ts';

test('PGlite: a process SIGKILLed between two steps resumes when started again on its data dir, each effect applied once', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'saga-crash-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const report = await crashBetweenSteps(
    { TARGET: 'pglite', DATA_DIR: join(dir, 'pgdata'), SCHEMA: uniqueSchema() },
    'crash-lite-1',
  );
  assertResumed(report, 'crash-lite-1');
});
