// A job server killed mid-job on PostgreSQL: another one, started on the same database, finishes
// the job in seconds (its heartbeat stops, so it is retried), not after pg-boss's 900 s expiry.
import { test } from 'node:test';
import { startFakePdfServer } from '../testing/fake-pdf-server.ts';
import { Cleanup, postgresFixture } from '../testing/fixtures.ts';
import { crashMidJob } from './crash-scenario.ts';

const url = process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';

test('PostgreSQL: a job server SIGKILLed mid-job, its job finishes on the next one in seconds', async (t) => {
  const cleanup = new Cleanup(t);
  const pdf = await startFakePdfServer();
  cleanup.add(() => pdf.close());
  const { schema } = await postgresFixture(url)(cleanup);
  const { recoverySeconds } = await crashMidJob(cleanup, pdf, {
    TARGET: 'postgres',
    DATABASE_URL: url,
    SCHEMA: schema,
    PDF_URL: pdf.url,
  });
  t.diagnostic(`recovered ${recoverySeconds} s after the kill`);
});
