import type { SqlExecutor } from '@eventflow/eventstore';
import { defineProjection, sqlReadModel } from '@eventflow/projections';

export async function createReadModelTables(sql: SqlExecutor): Promise<void> {
  await sql.query('CREATE SCHEMA IF NOT EXISTS tickets_read');
  await sql.query(`CREATE TABLE IF NOT EXISTS tickets_read.availability (
    concert_id text PRIMARY KEY, name text NOT NULL, available integer NOT NULL)`);
  await sql.query(`CREATE TABLE IF NOT EXISTS tickets_read.reservations (
    reservation_id text PRIMARY KEY, concert_id text NOT NULL, seats integer NOT NULL)`);
  await sql.query(`CREATE TABLE IF NOT EXISTS tickets_read.confirmations (
    reservation_id text PRIMARY KEY, concert_id text NOT NULL, seats integer NOT NULL)`);
}

// Inline: runs in the append's transaction, so the seats left change with the events or not at all.
export const availability = defineProjection({
  name: 'concert-availability',
  readModel: sqlReadModel({ tables: ['tickets_read.availability'] }),
  eventTypes: ['ConcertScheduled', 'SeatsReserved', 'ReservationCancelled'],
  async apply(event, { sql }) {
    if (event.type === 'ConcertScheduled') {
      const { name, capacity } = event.data as { name: string; capacity: number };
      await sql.query('INSERT INTO tickets_read.availability VALUES ($1, $2, $3)', [event.streamId, name, capacity]);
    } else {
      const { seats } = event.data as { seats: number };
      const change = event.type === 'SeatsReserved' ? -seats : seats;
      await sql.query('UPDATE tickets_read.availability SET available = available + $2 WHERE concert_id = $1', [
        event.streamId,
        change,
      ]);
    }
  },
});

// Async: follows readAll with a checkpoint. Upserts keyed by the reservation, so a replay may apply an event twice.
export const reservations = defineProjection({
  name: 'concert-reservations',
  readModel: sqlReadModel({ tables: ['tickets_read.reservations'] }),
  eventTypes: ['SeatsReserved', 'ReservationCancelled'],
  async apply(event, { sql }) {
    const { reservationId, seats } = event.data as { reservationId: string; seats: number };
    if (event.type === 'SeatsReserved') {
      await sql.query(
        `INSERT INTO tickets_read.reservations VALUES ($1, $2, $3)
         ON CONFLICT (reservation_id) DO UPDATE SET seats = excluded.seats`,
        [reservationId, event.streamId, seats],
      );
    } else {
      await sql.query('DELETE FROM tickets_read.reservations WHERE reservation_id = $1', [reservationId]);
    }
  },
});
