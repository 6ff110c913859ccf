// The notifications' records: one per key, inserted once (a redelivery finds it), updated as the
// email goes. They hold pseudonyms and ids, never an address or a name.
import { quoteIdentifier, type SqlDatabase } from '@eventflow/sql';
import type { Notification } from './notification.ts';

export type Estado = 'enviando' | 'enviada' | 'descartada' | 'fallida';

export interface NotificationRecord {
  readonly clave: string;
  readonly tipo: string;
  readonly usuario_seudonimo: string;
  readonly reserva_id: string | null;
  readonly estado: Estado;
  readonly intentos: number;
  readonly message_id: string;
  readonly correlation_id: string | null;
  readonly ultimo_error: string | null;
  readonly creada_en: string;
  readonly actualizada_en: string;
}

const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString());

function record(row: Record<string, unknown>): NotificationRecord {
  return {
    clave: String(row['clave']),
    tipo: String(row['tipo']),
    usuario_seudonimo: String(row['usuario_seudonimo']),
    reserva_id: text(row['reserva_id']),
    estado: row['estado'] as Estado,
    intentos: Number(row['intentos']),
    message_id: String(row['message_id']),
    correlation_id: text(row['correlation_id']),
    ultimo_error: text(row['ultimo_error']),
    creada_en: iso(row['creada_en']),
    actualizada_en: iso(row['actualizada_en']),
  };
}

export class NotificationStore {
  readonly #sql: SqlDatabase;
  readonly #table: string;

  constructor(sql: SqlDatabase, schema: string) {
    this.#sql = sql;
    this.#table = `${quoteIdentifier(schema)}.notificaciones`;
  }

  /** The notification's record, made on first sight; its attempts counted. */
  async begin(n: Notification, messageId: string, correlationId: string, now: Date): Promise<NotificationRecord> {
    await this.#sql.query(
      `INSERT INTO ${this.#table} (clave, tipo, usuario_seudonimo, reserva_id, estado, message_id, correlation_id, creada_en, actualizada_en)
       VALUES ($1, $2, $3, $4, 'enviando', $5, $6, $7, $7) ON CONFLICT (clave) DO NOTHING`,
      [n.clave, n.tipo, n.usuario_seudonimo, n.reserva?.reserva_id ?? null, messageId, correlationId, now],
    );
    const rows = await this.#sql.query<Record<string, unknown>>(
      `UPDATE ${this.#table} SET intentos = intentos + 1, actualizada_en = $2
       WHERE clave = $1 AND estado IN ('enviando', 'fallida') RETURNING *`,
      [n.clave, now],
    );
    const updated = rows[0];
    if (updated !== undefined) return record(updated);
    // Sent or discarded before: this delivery is a repeat.
    const [done] = await this.#sql.query<Record<string, unknown>>(`SELECT * FROM ${this.#table} WHERE clave = $1`, [
      n.clave,
    ]);
    if (done === undefined) throw new Error(`notification ${n.clave} neither made nor found`);
    return record(done);
  }

  async finish(clave: string, estado: Estado, now: Date, error?: string): Promise<void> {
    await this.#sql.query(
      `UPDATE ${this.#table} SET estado = $2, ultimo_error = $3, actualizada_en = $4 WHERE clave = $1`,
      [clave, estado, error ?? null, now],
    );
  }

  async failedAttempt(clave: string, error: string, now: Date): Promise<void> {
    await this.#sql.query(`UPDATE ${this.#table} SET ultimo_error = $2, actualizada_en = $3 WHERE clave = $1`, [
      clave,
      error,
      now,
    ]);
  }

  async list(query: { estado?: Estado; limit: number }): Promise<NotificationRecord[]> {
    const rows = await this.#sql.query<Record<string, unknown>>(
      `SELECT * FROM ${this.#table} WHERE ($1::text IS NULL OR estado = $1)
       ORDER BY actualizada_en DESC, clave LIMIT $2`,
      [query.estado ?? null, query.limit],
    );
    return rows.map(record);
  }

  async counts(): Promise<Record<Estado, number>> {
    const rows = await this.#sql.query<{ estado: Estado; n: number | string }>(
      `SELECT estado, count(*) AS n FROM ${this.#table} GROUP BY estado`,
    );
    const counts: Record<Estado, number> = { enviando: 0, enviada: 0, descartada: 0, fallida: 0 };
    for (const row of rows) counts[row.estado] = Number(row.n);
    return counts;
  }
}
