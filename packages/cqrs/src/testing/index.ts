import assert from 'node:assert/strict';
import type { Middleware } from '../dispatcher.ts';
import { CqrsError } from '../errors.ts';

/** A middleware that writes `>name` on the way in and `<name` on the way out (`!name` when it throws). */
export function recordingMiddleware(name: string, log: string[]): Middleware {
  return async (message, _context, next) => {
    log.push(`>${name} ${message.type}`);
    try {
      const result = await next();
      log.push(`<${name}`);
      return result;
    } catch (error) {
      log.push(`!${name}`);
      throw error;
    }
  };
}

export interface DispatchThen<R> {
  /** The handler answered, deep-equal to `expected`. */
  thenReturns(expected: R): Promise<void>;
  /** It failed with a `CqrsError` (or any ServiceError-like error) of that code, and status if given. */
  thenFails(code: string, status?: number): Promise<unknown>;
}

/**
 * Given/when/then over a bus's `execute` or `ask`:
 * `await dispatchSpec(() => commands.execute(reserve, { principal })).thenFails('CQRS.FORBIDDEN', 403)`.
 */
export function dispatchSpec<R>(when: () => Promise<R>): DispatchThen<R> {
  return {
    async thenReturns(expected) {
      assert.deepEqual(await when(), expected);
    },
    async thenFails(code, status) {
      let caught: unknown;
      await assert.rejects(when(), (error: unknown) => {
        caught = error;
        return true;
      });
      const { code: actual, status: actualStatus } = (caught ?? {}) as { code?: unknown; status?: unknown };
      assert.equal(actual, code, `failed with ${String(actual)}: ${String(caught)}`);
      if (status !== undefined) assert.equal(actualStatus, status);
      return caught;
    },
  };
}

/** Whether `error` is one of this package's errors with that code. */
export function isCqrsError(error: unknown, code?: string): error is CqrsError {
  return error instanceof CqrsError && (code === undefined || error.code === code);
}
