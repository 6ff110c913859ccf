import { test } from 'node:test';
import { deciderSpec } from '@eventflow/eventstore/testing';
import { seatsDecider } from './seats.ts';

const created = {
  type: 'InventarioCreado',
  data: { evento_id: 'e', aforo_total: 3, disponibles: 3, retenidas: 0, vendidas: 0 },
} as const;

test('a hold takes available seats; more than are left is refused as sold out', () => {
  deciderSpec(seatsDecider)
    .givenEvents(created)
    .when({ type: 'Retener', reserva_id: 'r1', cantidad: 2 })
    .then([
      {
        type: 'AsientosRetenidos',
        data: {
          evento_id: 'e',
          aforo_total: 3,
          disponibles: 1,
          retenidas: 2,
          vendidas: 0,
          reserva_id: 'r1',
          cantidad: 2,
        },
      },
    ]);
  deciderSpec(seatsDecider)
    .givenEvents(created)
    .when({ type: 'Retener', reserva_id: 'r1', cantidad: 4 })
    .thenThrows('INVENTARIO.AGOTADO');
});

test('confirming sells the held seats; releasing returns them', () => {
  const held = {
    type: 'AsientosRetenidos',
    data: { evento_id: 'e', aforo_total: 3, disponibles: 1, retenidas: 2, vendidas: 0, reserva_id: 'r1', cantidad: 2 },
  } as const;
  deciderSpec(seatsDecider)
    .givenEvents(created, held)
    .when({ type: 'Confirmar', reserva_id: 'r1' })
    .then([
      {
        type: 'AsientosConfirmados',
        data: {
          evento_id: 'e',
          aforo_total: 3,
          disponibles: 1,
          retenidas: 0,
          vendidas: 2,
          reserva_id: 'r1',
          cantidad: 2,
        },
      },
    ]);
  deciderSpec(seatsDecider)
    .givenEvents(created, held)
    .when({ type: 'Liberar', reserva_id: 'r1' })
    .then([
      {
        type: 'AsientosLiberados',
        data: {
          evento_id: 'e',
          aforo_total: 3,
          disponibles: 3,
          retenidas: 0,
          vendidas: 0,
          reserva_id: 'r1',
          cantidad: 2,
        },
      },
    ]);
});
