import { randomUUID } from 'node:crypto';
import { currentCorrelation, withCorrelation } from '@eventflow/correlation';
import type { Middleware } from '../dispatcher.ts';

export interface CorrelationOptions {
  /** Default randomUUID, for a message that starts a story of its own. */
  readonly newId?: () => string;
}

/**
 * Runs the rest of the chain and the handler inside `withCorrelation`: the message's correlation id,
 * else the current one (an HTTP request's, a bus message's), else a new one; the causation id is the
 * message's id, so whatever the handler publishes or appends names this message as its cause.
 */
export function correlation(options: CorrelationOptions = {}): Middleware {
  const newId = options.newId ?? randomUUID;
  return (message, _context, next) => {
    const correlationId = message.correlationId ?? currentCorrelation()?.correlationId ?? newId();
    return withCorrelation({ correlationId, causationId: message.messageId }, next);
  };
}
