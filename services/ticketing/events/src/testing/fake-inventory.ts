// A stand-in for ticketing's inventory in the events tests: only what events calls, per the contract
// (POST /internal/inventario, idempotent by evento_id; GET /internal/inventario/{evento_id}), and
// InventarioCreado on ticketing.inventario as the real one publishes it. The real inventory
// (services/ticketing/inventory) replaces it wherever both run.
import { defineService } from '@eventflow/host';
import { problemSchema, ServiceError } from '@eventflow/service';
import {
  crearInventarioSchema,
  internalIdSchema,
  inventarioSchema,
  inventarioTopic,
  type CrearInventario,
  type Inventario,
} from '@eventflow/ticketing-contracts';

/** What a test sees and steers of the fake, in its own process. */
export interface FakeInventoryControl {
  readonly seats: Map<string, Inventario>;
  /** Creations answered so far (refused ones included). */
  creations: number;
  /** The next this-many creations answer 503 (an inventory restarting). */
  unavailable: number;
}

export function fakeInventoryControl(): FakeInventoryControl {
  return { seats: new Map(), creations: 0, unavailable: 0 };
}

const problem = { $ref: `${problemSchema.$id}#` } as const;

export function fakeInventory(control: FakeInventoryControl = fakeInventoryControl()) {
  return defineService({
    name: 'inventory',
    system: 'ticketing',
    description: 'A fake inventory for the events tests: seats in memory, created once per event',
    routes: [],
    port: 8203,
    needs: ['bus'],
    async build({ ports }) {
      await ports.bus.declare([inventarioTopic]);
      return {
        name: 'inventory',
        routes: [
          (app) => {
            app.post<{ Body: CrearInventario }>(
              '/internal/inventario',
              {
                schema: {
                  body: crearInventarioSchema,
                  response: { 200: inventarioSchema, 201: inventarioSchema, 400: problem, 503: problem },
                },
              },
              async (request, reply) => {
                control.creations += 1;
                if (control.unavailable > 0) {
                  control.unavailable -= 1;
                  throw new ServiceError('INVENTARIO.NO_DISPONIBLE', 503, 'Restarting', 'The fake is told to refuse');
                }
                const { evento_id, aforo_total } = request.body;
                const known = control.seats.get(evento_id);
                if (known !== undefined) return reply.code(200).send(known);
                const seats: Inventario = {
                  evento_id,
                  aforo_total,
                  disponibles: aforo_total,
                  retenidas: 0,
                  vendidas: 0,
                  version: 1,
                };
                control.seats.set(evento_id, seats);
                await ports.bus.publish(inventarioTopic, [
                  { key: evento_id, type: 'InventarioCreado', value: { ...seats, cantidad: aforo_total } },
                ]);
                return reply.code(201).send(seats);
              },
            );
            app.get<{ Params: { evento_id: string } }>(
              '/internal/inventario/:evento_id',
              {
                schema: {
                  params: { type: 'object', required: ['evento_id'], properties: { evento_id: internalIdSchema } },
                  response: { 200: inventarioSchema, 400: problem, 404: problem },
                },
              },
              (request) => {
                const seats = control.seats.get(request.params.evento_id);
                if (seats === undefined) throw new ServiceError('INVENTARIO.NO_EXISTE', 404, 'no seats for this event');
                return seats;
              },
            );
          },
        ],
      };
    },
  });
}
