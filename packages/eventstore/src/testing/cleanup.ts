import type { TestContext } from 'node:test';

export type Defer = (cleanup: () => unknown) => void;

/**
 * Cleanups run last-in, first-out after the test (node:test runs `t.after` hooks in the order they were
 * added): a relay closes before the bus it publishes to, and both before the database goes. Each runs
 * even if an earlier one failed; the first failure is rethrown.
 */
export function cleanupStack(t: TestContext): Defer {
  const stack: Array<() => unknown> = [];
  t.after(async () => {
    let failure: { error: unknown } | undefined;
    for (const cleanup of stack.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== undefined) throw failure.error;
  });
  return (cleanup) => void stack.push(cleanup);
}
