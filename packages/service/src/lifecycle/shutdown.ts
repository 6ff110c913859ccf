import type { FastifyBaseLogger } from 'fastify';

/** The part of `process` shutdown needs; tests pass an EventEmitter with a recording `exit`. */
export interface ProcessLike {
  once(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code: number): void;
}

export const shutdownSignals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/** Calls `onSignal` on the first SIGINT or SIGTERM; returns the function that stops listening. */
export function onShutdownSignal(target: ProcessLike, onSignal: (signal: NodeJS.Signals) => void): () => void {
  for (const signal of shutdownSignals) target.once(signal, onSignal);
  return () => {
    for (const signal of shutdownSignals) target.off(signal, onSignal);
  };
}

/** Closes, then exits 0; exits 1 if closing fails or outlasts `timeoutMs`, so a stuck close cannot hang. */
export async function closeAndExit(
  close: () => Promise<void>,
  target: Pick<ProcessLike, 'exit'>,
  log: FastifyBaseLogger,
  timeoutMs: number,
): Promise<void> {
  const timer = setTimeout(() => {
    log.error({ timeoutMs }, 'shutdown did not finish in time; exiting');
    target.exit(1);
  }, timeoutMs);
  timer.unref();
  try {
    await close();
    log.info('shutdown complete');
    target.exit(0);
  } catch (error) {
    log.error({ err: error }, 'shutdown failed');
    target.exit(1);
  } finally {
    clearTimeout(timer);
  }
}
