import type { ReadinessCheck, Worker } from '../definition.ts';

/** A readiness check that answers with `detail`. */
export function passingCheck(name: string, detail = 'ok'): ReadinessCheck {
  return { name, check: () => Promise.resolve(detail) };
}

/** A readiness check that fails with `message`. */
export function failingCheck(name: string, message: string): ReadinessCheck {
  return { name, check: () => Promise.reject(new Error(message)) };
}

/** A worker that records what happens to it, in order, into `events` (shared, to see interleavings). */
export function recordingWorker(name: string, events: string[] = []): Worker & { readonly events: string[] } {
  return {
    name,
    events,
    start() {
      events.push(`${name} started`);
      return Promise.resolve();
    },
    close() {
      events.push(`${name} closed`);
      return Promise.resolve();
    },
  };
}
