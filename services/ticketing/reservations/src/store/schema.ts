import type { MigrationSet } from '@eventflow/sql';

/**
 * The coordinator's own tables, beside the event store's (same schema): the CQRS read model of
 * reservations, fed inline from the reservation events, and the Idempotency-Key table.
 */
export function reservationMigrations(schema: string): MigrationSet[] {
  return [
    {
      component: 'reservations',
      schema,
      migrations: [
        {
          version: 1,
          name: 'read model and idempotency keys',
          statements: [
            `CREATE TABLE {schema}.reservas (
              reserva_id text PRIMARY KEY,
              usuario_id text NOT NULL,
              evento_id text NOT NULL,
              cantidad integer NOT NULL,
              precio_unitario numeric NOT NULL,
              importe numeric NOT NULL,
              moneda text NOT NULL,
              estado text NOT NULL,
              codigo text,
              motivo text,
              correlation_id text,
              solicitada_en timestamptz NOT NULL,
              actualizada_en timestamptz NOT NULL,
              version integer NOT NULL
            )`,
            'CREATE INDEX reservas_usuario_evento ON {schema}.reservas (usuario_id, evento_id, estado)',
            'CREATE INDEX reservas_evento ON {schema}.reservas (evento_id, estado)',
            `CREATE TABLE {schema}.claves_idempotencia (
              clave text PRIMARY KEY,
              huella text NOT NULL,
              reserva_id text NOT NULL,
              creada_en timestamptz NOT NULL DEFAULT now()
            )`,
          ],
        },
        {
          version: 2,
          name: 'buyers by pseudonym',
          // Rows written before hold the user's id under the new name: this service cannot compute a
          // pseudonym (only users holds that key), so they stay as they were.
          statements: [
            'ALTER TABLE {schema}.reservas RENAME COLUMN usuario_id TO usuario_seudonimo',
            'ALTER INDEX {schema}.reservas_usuario_evento RENAME TO reservas_seudonimo_evento',
          ],
        },
      ],
    },
  ];
}
