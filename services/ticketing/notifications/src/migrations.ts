import type { MigrationSet } from '@eventflow/sql';

/** One row per notification key: what makes a redelivered event send one email. No personal data. */
export function notificationMigrations(schema: string): MigrationSet[] {
  return [
    {
      component: 'notifications',
      schema,
      migrations: [
        {
          version: 1,
          name: 'notifications',
          statements: [
            `CREATE TABLE {schema}.notificaciones (
              clave text PRIMARY KEY,
              tipo text NOT NULL,
              usuario_seudonimo text NOT NULL,
              reserva_id text,
              estado text NOT NULL CHECK (estado IN ('enviando', 'enviada', 'descartada', 'fallida')),
              intentos integer NOT NULL DEFAULT 0,
              message_id text NOT NULL,
              correlation_id text,
              ultimo_error text,
              creada_en timestamptz NOT NULL,
              actualizada_en timestamptz NOT NULL
            )`,
            'CREATE INDEX notificaciones_estado ON {schema}.notificaciones (estado, actualizada_en DESC)',
          ],
        },
      ],
    },
  ];
}
