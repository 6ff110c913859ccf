// A job server as a process of its own, for the crash tests (crash.test.ts, crash.int.test.ts): the
// job service on PostgreSQL (TARGET=postgres: DATABASE_URL, SCHEMA) or on the embedded engine in a
// folder (TARGET=pglite: DATA_DIR), calling the PDF server at PDF_URL; prints `LISTENING <url>`
// once it serves, and runs until it is killed.
import { buildService } from '@eventflow/service';
import { jobService } from '../service/job-service.ts';

const env = process.env;
const definition = jobService({
  db: env['TARGET'] === 'pglite' ? { dataDir: env['DATA_DIR'] ?? '' } : (env['DATABASE_URL'] ?? ''),
  ...(env['SCHEMA'] === undefined ? {} : { schema: env['SCHEMA'] }),
  pdf: { url: env['PDF_URL'] ?? '', timeoutMs: 600_000 },
  retry: { retryLimit: 3, retryDelay: 1, backoff: false },
  pollingIntervalSeconds: 0.5,
});
const app = buildService(definition, { logger: { level: 'warn' }, defaultMetrics: false });
await app.ready();
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`LISTENING ${url}\n`);
