import type { FastifyInstance } from 'fastify';
import type { Worker, WorkerContext } from '../definition.ts';
import type { ServiceMetrics } from '../metrics/service-metrics.ts';

/**
 * Starts the workers, one after another, when the app becomes ready (a failure fails `ready()` and
 * `listen()`), and closes them on `close()` — after the HTTP server has drained, newest first.
 */
export function installWorkers(app: FastifyInstance, workers: readonly Worker[], metrics: ServiceMetrics): void {
  const running: Worker[] = workers.filter((worker) => worker.start === undefined);

  app.addHook('onReady', async () => {
    for (const worker of workers) {
      if (worker.start === undefined) continue;
      const context: WorkerContext = { metrics, log: app.log.child({ worker: worker.name }) };
      await worker.start(context);
      running.push(worker);
      app.log.info({ worker: worker.name }, 'worker started');
    }
  });

  app.addHook('onClose', async () => {
    for (const worker of running.splice(0).reverse()) {
      try {
        await worker.close();
        app.log.info({ worker: worker.name }, 'worker closed');
      } catch (error) {
        app.log.error({ err: error, worker: worker.name }, 'worker failed to close');
      }
    }
  });
}

/** A worker whose start yields the thing to close, such as a bus consumer from `subscribe()`. */
export function worker(name: string, start: (context: WorkerContext) => Promise<{ close(): Promise<void> }>): Worker {
  let started: { close(): Promise<void> } | undefined;
  return {
    name,
    async start(context) {
      started = await start(context);
    },
    async close() {
      await started?.close();
      started = undefined;
    },
  };
}
