import type { Bus } from '@eventflow/bus';
import { outboxRelayWorker } from '@eventflow/eventstore';
import { openSagaEngine, sagaLogRoutes } from '@eventflow/saga';
import type { ServiceDefinition } from '@eventflow/service';
import type { SqlDatabase } from '@eventflow/sql';
import { reservationChain } from './chain/reservation-chain.ts';
import { serviceClients } from './clients.ts';
import { reservationRoutes } from './http/routes.ts';
import { purchaseSaga } from './saga/purchase-saga.ts';
import { openReservationsStore, reservationRouter } from './store/reservations-store.ts';

export interface ReservationsOptions {
  readonly sql: SqlDatabase;
  readonly bus: Bus;
  readonly schema: string;
  readonly urlOf: (service: string) => string;
  readonly waitMs: number;
  readonly sagaConcurrency: number;
  readonly sagaLeaseMs: number;
  readonly defaultLimit: number;
}

export async function reservationsService(options: ReservationsOptions): Promise<ServiceDefinition> {
  const clients = serviceClients({ urlOf: options.urlOf });
  const store = await openReservationsStore(options.sql, options.schema);
  const saga = purchaseSaga(clients, store);
  const engine = await openSagaEngine({
    executor: options.sql,
    schema: options.schema,
    sagas: [saga],
    concurrency: options.sagaConcurrency,
    leaseMs: options.sagaLeaseMs,
  });
  const chain = reservationChain({
    clients,
    pendingSeats: (seudonimo, eventoId) => store.pendingSeats(seudonimo, eventoId),
    defaultLimit: options.defaultLimit,
    maxPerRequest: 100,
  });
  return {
    name: 'reservations',
    description: 'Reservations and payments coordinator: the chain of checks, then the orchestrated purchase saga',
    routes: [
      reservationRoutes({ chain, store, engine, schema: options.schema, waitMs: options.waitMs }),
      sagaLogRoutes(engine.log),
    ],
    workers: [
      engine.serviceWorker('purchase-saga'),
      outboxRelayWorker({
        executor: options.sql,
        schema: options.schema,
        bus: options.bus,
        router: reservationRouter,
        pollIntervalMs: 500,
      }),
    ],
  };
}
