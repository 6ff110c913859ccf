import { ServiceError, type ServiceMetrics } from '@eventflow/service';
import type { Middleware } from '../dispatcher.ts';

/** How a dispatch ended: `rejected` is a 4xx ServiceError (bad input, forbidden, conflict…). */
export type DispatchOutcome = 'ok' | 'rejected' | 'error';

/**
 * `cqrs_messages_total{kind,type,outcome}` and `cqrs_message_duration_seconds{kind,type,outcome}`,
 * registered (get-or-create) in the service's metrics, so they show in its `/metrics`.
 */
export function metrics(serviceMetrics: ServiceMetrics): Middleware {
  const total = serviceMetrics.counter({
    name: 'cqrs_messages_total',
    help: 'Commands and queries dispatched, by outcome',
    labelNames: ['kind', 'type', 'outcome'],
  });
  const duration = serviceMetrics.histogram({
    name: 'cqrs_message_duration_seconds',
    help: 'Time from dispatch to answer of a command or query, by outcome',
    labelNames: ['kind', 'type', 'outcome'],
  });
  return async (message, context, next) => {
    const stop = duration.startTimer({ kind: context.kind, type: message.type });
    let outcome: DispatchOutcome = 'error';
    try {
      const result = await next();
      outcome = 'ok';
      return result;
    } catch (error) {
      outcome = outcomeOf(error);
      throw error;
    } finally {
      stop({ outcome });
      total.inc({ kind: context.kind, type: message.type, outcome });
    }
  };
}

export function outcomeOf(error: unknown): DispatchOutcome {
  return error instanceof ServiceError && error.status < 500 ? 'rejected' : 'error';
}
