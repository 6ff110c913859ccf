// A job server killed mid-job on the embedded engine (PGlite in a folder): restarted on the same
// folder, it takes back the job the killed process had in hand at once and finishes it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startFakePdfServer } from '../testing/fake-pdf-server.ts';
import { Cleanup } from '../testing/fixtures.ts';
import { crashMidJob } from './crash-scenario.ts';

test('PGlite: a job server SIGKILLed mid-job, restarted on its folder, finishes the job in seconds', async (t) => {
  const cleanup = new Cleanup(t);
  const dir = await mkdtemp(join(tmpdir(), 'jobs-crash-'));
  cleanup.add(() => rm(dir, { recursive: true, force: true }));
  const pdf = await startFakePdfServer();
  cleanup.add(() => pdf.close());
  const { recoverySeconds } = await crashMidJob(cleanup, pdf, {
    TARGET: 'pglite',
    DATA_DIR: join(dir, 'jobs'),
    PDF_URL: pdf.url,
  });
  t.diagnostic(`recovered ${recoverySeconds} s after the kill`);
});
