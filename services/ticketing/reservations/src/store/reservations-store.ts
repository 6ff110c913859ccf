// Where reservations live: their events in the event store; the read model (table `reservas`)
// projected inline, in the append's transaction; OrderCreated and the outcome events published
// through the transactional outbox. One append writes all three or none.
import { quoteIdentifier } from '@eventflow/sql';
import {
  advisoryLock,
  combineAppendedHooks,
  createOutbox,
  defineOutboxRouter,
  handleCommand,
  openEventStore,
  type EventStore,
  type OutboxRouter,
  type RecordedEvent,
  type SqlExecutor,
} from '@eventflow/eventstore';
import { defineProjection, inlineProjections, sqlReadModel } from '@eventflow/projections';
import { pedidosTopic, reservasTopic, type OrderCreated, type ReservaCambiada } from '@eventflow/ticketing-contracts';
import {
  reservationDecider,
  reservationStream,
  type Estado,
  type ReservationCommand,
  type ReservationEvent,
  type Solicitud,
} from '../domain/reservation.ts';

/** A reservation as the read model holds it. */
export interface ReservaVista {
  readonly reserva_id: string;
  readonly usuario_seudonimo: string;
  readonly evento_id: string;
  readonly cantidad: number;
  readonly precio_unitario: number;
  readonly importe: number;
  readonly moneda: string;
  readonly estado: Estado;
  readonly codigo: string | null;
  readonly motivo: string | null;
  readonly correlation_id: string | null;
  readonly solicitada_en: string;
  readonly actualizada_en: string;
}

type Data = Solicitud & { en?: string; codigo?: string; motivo?: string };

const orderCreated = (event: RecordedEvent): OrderCreated => {
  const data = event.data as Solicitud;
  return {
    orderId: data.reserva_id,
    userId: data.usuario_seudonimo,
    items: [{ productId: data.evento_id, quantity: data.cantidad, price: data.precio_unitario }],
    createdAt: data.solicitada_en,
  };
};

const outcome = (event: RecordedEvent): ReservaCambiada => {
  const data = event.data as Data;
  return {
    reserva_id: data.reserva_id,
    usuario_seudonimo: data.usuario_seudonimo,
    evento_id: data.evento_id,
    cantidad: data.cantidad,
    importe: data.importe,
    estado:
      event.type === 'ReservaConfirmada' ? 'confirmada' : event.type === 'ReservaFallida' ? 'fallida' : 'pendiente',
    ...(data.codigo === undefined ? {} : { codigo: data.codigo }),
    ...(data.motivo === undefined ? {} : { motivo: data.motivo }),
    en: data.en ?? data.solicitada_en,
  };
};

const byReservation = (event: RecordedEvent) => (event.data as Solicitud).reserva_id;

export const reservationRouter: OutboxRouter = defineOutboxRouter({
  ReservaSolicitada: { topic: pedidosTopic, key: byReservation, value: orderCreated, type: 'OrderCreated' },
  ReservaConfirmada: { topic: reservasTopic, key: byReservation, value: outcome },
  ReservaFallida: { topic: reservasTopic, key: byReservation, value: outcome },
});

export interface ReservationsStore {
  readonly events: EventStore;
  /** Appends ReservaSolicitada inside `tx` (the request's transaction, with its key and saga start). */
  request(tx: EventStore, solicitud: Solicitud): Promise<void>;
  /** Ends a reservation (idempotent: ending it the same way again changes nothing). */
  end(reservaId: string, command: ReservationCommand): Promise<void>;
  get(reservaId: string): Promise<ReservaVista | undefined>;
  /** Seats this user has in reservations still in progress for this event. */
  pendingSeats(seudonimo: string, eventoId: string): Promise<number>;
  /**
   * Inside `tx`: locks the user's seats of the event until `tx` ends (so that requests of one user for
   * one event take turns), then answers the seats they hold in reservations confirmed and in progress.
   */
  lockUserSeats(
    tx: EventStore,
    seudonimo: string,
    eventoId: string,
  ): Promise<{ readonly compradas: number; readonly en_curso: number }>;
  list(filter: { evento_id?: string; estado?: Estado; limit: number; after?: string }): Promise<ReservaVista[]>;
  counts(eventoId?: string): Promise<Record<Estado, { reservas: number; entradas: number }>>;
}

export async function openReservationsStore(sql: SqlExecutor, schema: string): Promise<ReservationsStore> {
  const table = `${quoteIdentifier(schema)}.reservas`;
  const projection = defineProjection({
    name: 'reservas',
    readModel: sqlReadModel({ tables: [table] }),
    eventTypes: ['ReservaSolicitada', 'ReservaConfirmada', 'ReservaFallida'],
    async apply(event, { sql: tx }) {
      const data = event.data as Data;
      if (event.type === 'ReservaSolicitada') {
        await tx.query(
          `INSERT INTO ${table} (reserva_id, usuario_seudonimo, evento_id, cantidad, precio_unitario, importe, moneda, estado,
             correlation_id, solicitada_en, actualizada_en, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'pendiente', $8, $9, $9, $10)
           ON CONFLICT (reserva_id) DO NOTHING`,
          [
            data.reserva_id,
            data.usuario_seudonimo,
            data.evento_id,
            data.cantidad,
            data.precio_unitario,
            data.importe,
            data.moneda,
            event.correlationId,
            data.solicitada_en,
            event.version,
          ],
        );
        return;
      }
      await tx.query(
        `UPDATE ${table} SET estado = $2, codigo = $3, motivo = $4, actualizada_en = $5, version = $6
         WHERE reserva_id = $1 AND version < $6`,
        [
          data.reserva_id,
          event.type === 'ReservaConfirmada' ? 'confirmada' : 'fallida',
          data.codigo ?? null,
          data.motivo ?? null,
          data.en,
          event.version,
        ],
      );
    },
  });
  const outbox = createOutbox({ schema, router: reservationRouter });
  const events = await openEventStore({
    executor: sql,
    schema,
    onAppended: combineAppendedHooks(inlineProjections([projection]), outbox.onAppended),
  });
  const toVista = (row: Record<string, unknown>): ReservaVista => ({
    reserva_id: String(row['reserva_id']),
    usuario_seudonimo: String(row['usuario_seudonimo']),
    evento_id: String(row['evento_id']),
    cantidad: Number(row['cantidad']),
    precio_unitario: Number(row['precio_unitario']),
    importe: Number(row['importe']),
    moneda: String(row['moneda']),
    estado: row['estado'] as Estado,
    codigo: (row['codigo'] as string | null) ?? null,
    motivo: (row['motivo'] as string | null) ?? null,
    correlation_id: (row['correlation_id'] as string | null) ?? null,
    solicitada_en: new Date(row['solicitada_en'] as string).toISOString(),
    actualizada_en: new Date(row['actualizada_en'] as string).toISOString(),
  });
  return {
    events,
    async request(tx, solicitud) {
      const requested: ReservationEvent = { type: 'ReservaSolicitada', data: solicitud };
      await tx.append(reservationStream(solicitud.reserva_id), [requested], {
        expectedVersion: 'no-stream',
        streamType: 'reserva',
      });
    },
    async end(reservaId, command) {
      await handleCommand(events, reservationStream(reservaId), reservationDecider, command);
    },
    async get(reservaId) {
      const rows = await sql.query<Record<string, unknown>>(`SELECT * FROM ${table} WHERE reserva_id = $1`, [
        reservaId,
      ]);
      return rows[0] === undefined ? undefined : toVista(rows[0]);
    },
    async pendingSeats(seudonimo, eventoId) {
      const rows = await sql.query<{ seats: string | number | null }>(
        `SELECT sum(cantidad) AS seats FROM ${table} WHERE usuario_seudonimo = $1 AND evento_id = $2 AND estado = 'pendiente'`,
        [seudonimo, eventoId],
      );
      return Number(rows[0]?.seats ?? 0);
    },
    async lockUserSeats(tx, seudonimo, eventoId) {
      await advisoryLock(tx.sql, `reservas:${seudonimo}:${eventoId}`);
      const rows = await tx.sql.query<{ compradas: string | number | null; en_curso: string | number | null }>(
        `SELECT sum(cantidad) FILTER (WHERE estado = 'confirmada') AS compradas,
                sum(cantidad) FILTER (WHERE estado = 'pendiente') AS en_curso
         FROM ${table} WHERE usuario_seudonimo = $1 AND evento_id = $2`,
        [seudonimo, eventoId],
      );
      return { compradas: Number(rows[0]?.compradas ?? 0), en_curso: Number(rows[0]?.en_curso ?? 0) };
    },
    async list(filter) {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (clause: string, value: unknown) => {
        params.push(value);
        where.push(clause.replace('?', `$${params.length}`));
      };
      if (filter.evento_id !== undefined) add('evento_id = ?', filter.evento_id);
      if (filter.estado !== undefined) add('estado = ?', filter.estado);
      if (filter.after !== undefined) add('reserva_id > ?', filter.after);
      params.push(filter.limit);
      const rows = await sql.query<Record<string, unknown>>(
        `SELECT * FROM ${table} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY reserva_id LIMIT $${params.length}`,
        params,
      );
      return rows.map(toVista);
    },
    async counts(eventoId) {
      const rows = await sql.query<{ estado: Estado; reservas: string | number; entradas: string | number }>(
        `SELECT estado, count(*) AS reservas, coalesce(sum(cantidad), 0) AS entradas FROM ${table}
         ${eventoId === undefined ? '' : 'WHERE evento_id = $1'} GROUP BY estado`,
        eventoId === undefined ? [] : [eventoId],
      );
      const result: Record<Estado, { reservas: number; entradas: number }> = {
        pendiente: { reservas: 0, entradas: 0 },
        confirmada: { reservas: 0, entradas: 0 },
        fallida: { reservas: 0, entradas: 0 },
      };
      for (const row of rows) result[row.estado] = { reservas: Number(row.reservas), entradas: Number(row.entradas) };
      return result;
    },
  };
}
