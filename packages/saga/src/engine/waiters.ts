import { setTimeout as sleep } from 'node:timers/promises';
import { SagaError } from '../errors.ts';
import { finalStatuses } from '../log/states.ts';
import type { SagaInstance } from './instance.ts';

/** Callers awaiting the end of instances: woken at once when this process ends one, else by polling (5 ms doubling to 200 ms). */
export class Waiters {
  readonly #waiting = new Map<string, Set<() => void>>();

  finished(id: string): void {
    for (const wake of this.#waiting.get(id) ?? []) wake();
  }

  async waitFor(
    id: string,
    get: (id: string) => Promise<SagaInstance | undefined>,
    timeoutMs: number,
    local: (id: string) => boolean,
    workerRunning: () => boolean = () => true,
  ): Promise<SagaInstance> {
    const deadline = Date.now() + timeoutMs;
    let signal = Promise.withResolvers<void>();
    const wake = (): void => signal.resolve();
    const listeners = this.#waiting.get(id) ?? new Set();
    this.#waiting.set(id, listeners.add(wake));
    try {
      for (let pause = 5, first = true; ; pause = Math.min(pause * 2, 200), first = false) {
        // Driven here and just started: no need to read it before its end is signalled.
        const instance = first && local(id) ? undefined : await get(id);
        if (instance !== undefined && finalStatuses.includes(instance.status)) return instance;
        const left = deadline - Date.now();
        if (left <= 0) {
          const status = instance?.status ?? 'unknown';
          // The usual cause in a script or a test: nothing drives the instance because no worker runs here.
          const hint = workerRunning()
            ? ''
            : instance === undefined
              ? '; no such instance, and no saga worker runs in this process'
              : '; no saga worker runs in this process: call engine.startWorker() (or run engine.serviceWorker() in runService), or make sure another process runs one';
          throw new SagaError(
            'SAGA.WAIT_TIMEOUT',
            `saga ${id} has not ended after ${timeoutMs} ms (${status})${hint}`,
            {
              id,
              status: instance?.status,
              workerRunning: workerRunning(),
            },
          );
        }
        // Driven here: its end is signalled, so only a slow poll in case it is released to another worker.
        await Promise.race([signal.promise, sleep(Math.min(local(id) ? 1_000 : pause, left))]);
        signal = Promise.withResolvers<void>();
      }
    } finally {
      listeners.delete(wake);
      if (listeners.size === 0) this.#waiting.delete(id);
    }
  }
}
