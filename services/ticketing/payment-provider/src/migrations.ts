import type { MigrationSet } from '@eventflow/sql';

/** The simulator's store: charges, refunds, and the answers given per idempotency key. */
export function providerMigrations(schema: string): MigrationSet[] {
  return [
    {
      component: 'payment_provider',
      schema,
      migrations: [
        {
          version: 1,
          name: 'charges, refunds and idempotency keys',
          statements: [
            `CREATE TABLE {schema}.cargos (
              cargo_id text PRIMARY KEY,
              referencia text NOT NULL,
              importe_centimos bigint NOT NULL CHECK (importe_centimos > 0),
              moneda text NOT NULL,
              descripcion text,
              estado text NOT NULL CHECK (estado IN ('capturado', 'rechazado', 'reembolsado')),
              motivo text,
              reembolso_id text,
              creado_en timestamptz NOT NULL)`,
            'CREATE INDEX cargos_referencia ON {schema}.cargos (referencia, creado_en)',
            `CREATE TABLE {schema}.reembolsos (
              reembolso_id text PRIMARY KEY,
              cargo_id text NOT NULL UNIQUE REFERENCES {schema}.cargos (cargo_id),
              importe_centimos bigint NOT NULL,
              creado_en timestamptz NOT NULL)`,
            `CREATE TABLE {schema}.claves (
              clave text PRIMARY KEY,
              huella text NOT NULL,
              estado_http integer NOT NULL,
              respuesta jsonb NOT NULL,
              creado_en timestamptz NOT NULL)`,
          ],
        },
      ],
    },
  ];
}
