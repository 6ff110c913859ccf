import { defineTopic, type Bus } from '@eventflow/bus';
import { createOutbox, defineOutboxRouter, inboxHandler, type SqlExecutor } from '@eventflow/eventstore';

export interface ReservationMessage {
  readonly concertId: string;
  readonly reservationId: string;
  readonly seats: number;
}

export const reservationsTopic = defineTopic<ReservationMessage>({
  name: 'concert-reservations',
  partitions: 3,
  schema: {
    type: 'object',
    required: ['concertId', 'reservationId', 'seats'],
    properties: { concertId: { type: 'string' }, reservationId: { type: 'string' }, seats: { type: 'integer' } },
  },
});

// Which events leave the service, on which topic. The key defaults to the stream id: one concert, one partition.
export const router = defineOutboxRouter({
  SeatsReserved: {
    topic: reservationsTopic,
    value: (event) => ({ concertId: event.streamId, ...(event.data as { reservationId: string; seats: number }) }),
  },
});

export const outbox = createOutbox({ schema: 'tickets', router });

// A consumer in another service: the inbox drops a message it has already handled (by messageId).
export function startMailer(bus: Bus, db: SqlExecutor) {
  return bus.subscribe({
    group: 'mailer',
    topic: reservationsTopic,
    handle: inboxHandler<ReservationMessage>(
      db,
      'mailer',
      async (message, tx) => {
        const { reservationId, concertId, seats } = message.value;
        await tx.query('INSERT INTO tickets_read.confirmations VALUES ($1, $2, $3)', [reservationId, concertId, seats]);
      },
      { schema: 'tickets' },
    ),
  });
}
