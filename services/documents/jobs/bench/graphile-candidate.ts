import { Logger, makeWorkerUtils, run, type Runner } from 'graphile-worker';
import pg from 'pg';
import { countdown, type Candidate } from './workload.ts';

// Warnings and errors only: the bench prints its own figures.
const logger = new Logger(() => (level, message) => {
  if (level === 'error' || level === 'warning') process.stderr.write(`graphile-worker ${level}: ${message}\n`);
});

/**
 * graphile-worker with `concurrency` workers (its own loop: fetch again as soon as a job is done).
 * `noPreparedStatements` where connections share one session (pglite-socket multiplexes them onto
 * PGlite's single backend, so named prepared statements collide).
 */
export async function graphileCandidate(
  name: string,
  url: string,
  concurrency: number,
  options: { readonly noPreparedStatements?: boolean } = {},
): Promise<Candidate> {
  const noPreparedStatements = options.noPreparedStatements ?? false;
  // Our own pool, ended by close(): the library leaves one it made itself to linger.
  const pgPool = new pg.Pool({ connectionString: url, max: concurrency + 2 });
  pgPool.on('error', () => undefined);
  pgPool.on('connect', (client) => client.on('error', () => undefined));
  const utils = await makeWorkerUtils({ pgPool, logger, noPreparedStatements });
  await utils.migrate();
  let runner: Runner | undefined;
  return {
    name,
    enqueue: async (n) => void (await utils.addJob('noop', { n })),
    async drain(count) {
      const done = countdown(count);
      runner = await run({
        pgPool,
        concurrency,
        noPreparedStatements,
        noHandleSignals: true,
        pollInterval: 500,
        logger,
        taskList: {
          noop: () => {
            done.tick();
            return Promise.resolve();
          },
        },
      });
      await done.reached;
      await runner.stop(); // in-flight completions are stored
      runner = undefined;
    },
    async close() {
      await runner?.stop();
      await utils.release();
      await pgPool.end();
    },
  };
}
