import type { Bus } from '@eventflow/bus';
import {
  createOutbox,
  defineOutboxRouter,
  openEventStore,
  outboxRelayWorker,
  type RecordedEvent,
} from '@eventflow/eventstore';
import type { ServiceDefinition } from '@eventflow/service';
import type { SqlDatabase } from '@eventflow/sql';
import { inventarioTopic, type InventarioCambiado } from '@eventflow/ticketing-contracts';
import type { SeatChange } from './domain/seats.ts';
import { inventoryRoutes } from './http/routes.ts';
import { seatWriter } from './store/seat-writer.ts';

export interface InventoryOptions {
  readonly sql: SqlDatabase;
  readonly bus: Bus;
  readonly schema: string;
}

/** Every seat change goes to ticketing.inventario with the counts after it (events read them there). */
const toMessage = (event: RecordedEvent): InventarioCambiado => {
  const data = event.data as Partial<SeatChange> & Omit<SeatChange, 'reserva_id' | 'cantidad'>;
  return {
    evento_id: data.evento_id,
    ...(data.reserva_id === undefined ? {} : { reserva_id: data.reserva_id }),
    cantidad: data.cantidad ?? data.aforo_total,
    aforo_total: data.aforo_total,
    disponibles: data.disponibles,
    retenidas: data.retenidas,
    vendidas: data.vendidas,
    version: event.version,
  };
};

export async function inventoryService(options: InventoryOptions): Promise<ServiceDefinition> {
  const route = {
    topic: inventarioTopic,
    key: (e: RecordedEvent) => (e.data as SeatChange).evento_id,
    value: toMessage,
  };
  const router = defineOutboxRouter({
    InventarioCreado: route,
    AsientosRetenidos: route,
    AsientosConfirmados: route,
    AsientosLiberados: route,
  });
  const outbox = createOutbox({ schema: options.schema, router });
  const store = await openEventStore({ executor: options.sql, schema: options.schema, onAppended: outbox.onAppended });
  const writer = seatWriter(store);
  return {
    name: 'inventory',
    description: "Each event's seats, event-sourced: holds, confirmations and releases; never sold twice",
    routes: [inventoryRoutes(writer)],
    workers: [
      {
        name: 'seat-writer',
        close: () => writer.close(),
      },
      outboxRelayWorker({
        executor: options.sql,
        schema: options.schema,
        bus: options.bus,
        router,
        pollIntervalMs: 500,
      }),
    ],
  };
}
