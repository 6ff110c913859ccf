import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@eventflow/eventstore';
import { defineSaga, defineStep, openSagaEngine, type SagaEngine } from '@eventflow/saga';

/** Something that drives one 4-step saga to its end and resolves then. */
export interface Contender {
  readonly label: string;
  runOne(index: number): Promise<void>;
  close(): Promise<void>;
}

export const stepNames = ['reserve', 'charge', 'ship', 'notify'] as const;

/** Ours: the saga engine, 4 steps that do nothing but return a small output; the worker in this process. */
export async function sagaEngineContender(
  executor: SqlExecutor,
  schema: string,
  concurrency: number,
): Promise<Contender> {
  const saga = defineSaga<{ n: number }>({
    name: 'bench-4-steps',
    steps: stepNames.map((name) =>
      defineStep({ name, action: ({ input }) => Promise.resolve({ step: name, n: input.n }) }),
    ),
  });
  const engine: SagaEngine = await openSagaEngine({ executor, schema, sagas: [saga], concurrency, leaseMs: 30_000 });
  engine.startWorker();
  return {
    label: 'saga engine',
    async runOne(n) {
      const { id } = await engine.start(saga, { n });
      const done = await engine.waitFor(id, { timeoutMs: 60_000 });
      if (done.status !== 'COMPLETED') throw new Error(`saga ${id} ended ${done.status}: ${done.error}`);
    },
    close: () => engine.close(),
  };
}

/**
 * The anchor: the same 4 steps driven by the smallest durable loop that could do it by hand — insert a
 * state row, then one UPDATE of that row per step, each in its own transaction. No log, no lease, no retries.
 */
export async function handLoopContender(executor: SqlExecutor, schema: string): Promise<Contender> {
  const table = `"${schema}".anchor_state`;
  await executor.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await executor.query(
    `CREATE TABLE IF NOT EXISTS ${table} (id text PRIMARY KEY, step integer NOT NULL, status text NOT NULL, data jsonb NOT NULL)`,
  );
  return {
    label: 'hand-written loop',
    async runOne(n) {
      const id = randomUUID();
      await executor.query(`INSERT INTO ${table} (id, step, status, data) VALUES ($1, 0, 'RUNNING', $2::jsonb)`, [
        id,
        JSON.stringify({ input: { n } }),
      ]);
      for (const [i, name] of stepNames.entries()) {
        const output = await Promise.resolve({ step: name, n });
        await executor.transaction((tx) =>
          tx.query(
            `UPDATE ${table} SET step = $2, status = $3, data = data || jsonb_build_object($4::text, $5::jsonb) WHERE id = $1`,
            [id, i + 1, i === stepNames.length - 1 ? 'COMPLETED' : 'RUNNING', name, JSON.stringify(output)],
          ),
        );
      }
    },
    close: () => Promise.resolve(),
  };
}
