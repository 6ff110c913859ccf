import type { Middleware } from '../dispatcher.ts';
import { ConflictError } from '../errors.ts';

/**
 * Turns the errors `isConflict` recognises into a `ConflictError` (409), keeping the original as its
 * `cause`: e.g. `conflicts(isConcurrencyConflict)` from @eventflow/eventstore.
 */
export function conflicts(isConflict: (error: unknown) => boolean): Middleware {
  return async (message, context, next) => {
    try {
      return await next();
    } catch (error) {
      if (!isConflict(error)) throw error;
      const detail = error instanceof Error ? error.message : String(error);
      throw new ConflictError(
        `the ${context.kind} ${message.type} conflicted: ${detail}`,
        { messageType: message.type },
        {
          cause: error,
        },
      );
    }
  };
}
