import { HttpOperations, type OperationLog } from '@eventflow/oplog';
import type { ServiceDefinition } from '@eventflow/service';
import { quoteIdentifier, type SqlDatabase } from '@eventflow/sql';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ChargeQueries } from './charges/queries.ts';
import { chargeRoutes } from './http/charge-routes.ts';
import { simulatorRoutes } from './http/simulator-routes.ts';
import { IdempotencyKeys } from './idempotency/keys.ts';
import { Behaviour } from './simulator/behaviour.ts';

export interface PaymentProviderOptions {
  readonly sql: SqlDatabase;
  /** Its schema (migrated by the host). */
  readonly schema: string;
  /** The behaviour at start: "min-max" latency, decline rate, outage. */
  readonly latencyMs: string;
  readonly declineRate: number;
  readonly outage: boolean;
  readonly log?: OperationLog;
  readonly now?: () => Date;
  readonly random?: () => number;
}

/** The card processor simulator: a service definition for the kit. */
export function paymentProviderService(options: PaymentProviderOptions): ServiceDefinition {
  const schema = quoteIdentifier(options.schema);
  const behaviour = new Behaviour(
    { latencia_ms: options.latencyMs, tasa_rechazo: options.declineRate, caida: options.outage },
    options.random,
  );
  const queries = new ChargeQueries(options.sql, schema);
  const deps = {
    sql: options.sql,
    schema,
    keys: new IdempotencyKeys(schema),
    behaviour,
    queries,
    now: options.now ?? (() => new Date()),
  };
  return {
    name: 'payment-provider',
    version: '0.1.0',
    description:
      'Card processor simulator: charges and refunds once per idempotency key, declines and outages on demand',
    // One plugin: the kit encapsulates each, and the operation hooks must see these routes.
    routes: [
      (app) => {
        recordOperations(app, options.log);
        chargeRoutes(deps)(app);
        simulatorRoutes({ behaviour, queries })(app);
      },
    ],
  };
}

/**
 * One operation record per charge, refund or change of settings (on logs-payment-provider), with the
 * reference and amount but never the free-text description.
 */
function recordOperations(app: FastifyInstance, log: OperationLog | undefined): void {
  const hooks = new HttpOperations(log).hooks({
    include: (request) => request.method !== 'GET' && request.method !== 'HEAD',
    describe: (request) => ({ payload: described(request) }),
  });
  app.addHook('onRequest', hooks.onRequest);
  app.addHook('onSend', hooks.onSend);
  app.addHook('onResponse', hooks.onResponse);
  app.addHook('onRequestAbort', hooks.onRequestAbort);
}

function described(request: FastifyRequest): Record<string, unknown> {
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
    string,
    unknown
  >;
  return {
    ...Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'descripcion')),
    params: request.params,
  };
}
