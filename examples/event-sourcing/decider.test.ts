import { test } from 'node:test';
import { deciderSpec } from '@eventflow/eventstore/testing';
import { concertDecider } from './concert.ts';

const { givenEvents } = deciderSpec(concertDecider);
const scheduled = { type: 'ConcertScheduled', data: { name: 'Nocturnes', capacity: 2 } } as const;

test('reserves seats while there are enough', () => {
  givenEvents(scheduled)
    .when({ type: 'Reserve', reservationId: 'r1', seats: 2 })
    .then([{ type: 'SeatsReserved', data: { reservationId: 'r1', seats: 2 } }]);
});

test('refuses more seats than are left', () => {
  givenEvents(scheduled).when({ type: 'Reserve', reservationId: 'r1', seats: 3 }).thenThrows('CONCERT.SOLD_OUT');
});
