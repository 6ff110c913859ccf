import { migrations as eventStoreMigrations } from '@eventflow/eventstore';
import type { MigrationSet } from '@eventflow/sql';

/** The payments table, and the event store's tables (its transactional outbox) in the same schema. */
export function paymentMigrations(schema: string): MigrationSet[] {
  return [
    { component: 'eventstore', schema, migrations: eventStoreMigrations },
    {
      component: 'payments',
      schema,
      migrations: [
        {
          version: 1,
          name: 'payments',
          statements: [
            `CREATE TABLE {schema}.pagos (
              reserva_id text PRIMARY KEY,
              pago_id text NOT NULL UNIQUE,
              usuario_id text,
              importe_centimos bigint NOT NULL CHECK (importe_centimos >= 0),
              moneda text NOT NULL,
              estado text NOT NULL
                CHECK (estado IN ('pendiente', 'capturado', 'rechazado', 'reembolsado', 'sin_cargo')),
              cargo_id text,
              motivo text,
              cancelado boolean NOT NULL DEFAULT false,
              intentos integer NOT NULL DEFAULT 0,
              conciliar_hasta timestamptz,
              correlation_id text,
              creado_en timestamptz NOT NULL,
              actualizado_en timestamptz NOT NULL)`,
            'CREATE INDEX pagos_estado ON {schema}.pagos (estado, reserva_id)',
            `CREATE INDEX pagos_por_conciliar ON {schema}.pagos (actualizado_en)
              WHERE (estado = 'sin_cargo' AND conciliar_hasta IS NOT NULL) OR (estado = 'pendiente' AND cancelado)`,
          ],
        },
        {
          version: 2,
          name: 'buyers by pseudonym',
          statements: ['ALTER TABLE {schema}.pagos RENAME COLUMN usuario_id TO usuario_seudonimo'],
        },
      ],
    },
  ];
}
