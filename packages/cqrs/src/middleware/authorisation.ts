import type { DispatchedMessage } from '../definition.ts';
import type { DispatchContext, Middleware } from '../dispatcher.ts';
import { ForbiddenError } from '../errors.ts';

/** `true` lets the message through; `false` refuses it; a string refuses it and says why. */
export type Decision = boolean | string;

export type Policy<Principal> = (
  message: DispatchedMessage,
  principal: Principal | undefined,
  context: DispatchContext<Principal>,
) => Decision | Promise<Decision>;

/** Asks `policy` before the handler runs; a refusal is a `ForbiddenError` (403). */
export function authorisation<Principal>(policy: Policy<Principal>): Middleware<Principal> {
  return async (message, context, next) => {
    const decision = await policy(message, context.principal, context);
    if (decision === true) return next();
    throw new ForbiddenError(context.kind, message.type, typeof decision === 'string' ? decision : undefined);
  };
}
