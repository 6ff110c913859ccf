import { defineService } from '@eventflow/host';
import { notificationMigrations } from './migrations.ts';

const positive = (value: number, description: string) =>
  ({ type: 'integer', minimum: 1, default: value, description }) as const;

/**
 * Ticketing's notifications (spec 002): an email through a real SMTP server when a user is created
 * and when a reservation is confirmed or fails. Reads ticketing.usuarios and ticketing.reservas.
 */
export const notifications = defineService({
  name: 'notifications',
  system: 'ticketing',
  description: 'Notifications: emails on user created, reservation confirmed and reservation failed',
  routes: [{ prefix: '/api/notificaciones' }],
  port: 8208,
  needs: ['sql', 'bus', 'mail'],
  calls: ['users', 'events'],
  config: {
    type: 'object',
    properties: {
      NOTIFICATIONS_SCHEMA: { type: 'string', pattern: '^[a-z_][a-z0-9_]{0,40}$', default: 'notifications' },
      NOTIFICATIONS_GROUP: {
        type: 'string',
        pattern: '^[A-Za-z0-9._-]{1,100}$',
        default: 'notifications',
        description: 'The consumer groups’ prefix: <prefix>.usuarios and <prefix>.reservas',
      },
      NOTIFICATIONS_NOT_BEFORE: {
        type: 'string',
        format: 'date-time',
        description:
          'Events that occurred before this instant send nothing (a new consumer group on a topic with history, a system that already has users)',
      },
      NOTIFICATIONS_MAX_ATTEMPTS: positive(6, 'Tries per email in all before it goes to ticketing.notificaciones.dlq'),
      NOTIFICATIONS_RETRY_INITIAL_MS: positive(500, 'The pause after the first failed try (doubling, with jitter)'),
      NOTIFICATIONS_RETRY_MAX_MS: positive(30_000, 'The longest pause between tries'),
    },
  },
  migrations: (config) => notificationMigrations(config.NOTIFICATIONS_SCHEMA),
  build: async ({ ports, config, urlOf }) =>
    (await import('./service.ts')).notificationsService({
      sql: ports.sql,
      bus: ports.bus,
      mail: ports.mail,
      urlOf,
      schema: config.NOTIFICATIONS_SCHEMA,
      group: config.NOTIFICATIONS_GROUP,
      ...(config.NOTIFICATIONS_NOT_BEFORE === undefined
        ? {}
        : { notBefore: new Date(config.NOTIFICATIONS_NOT_BEFORE) }),
      maxAttempts: config.NOTIFICATIONS_MAX_ATTEMPTS,
      initialDelayMs: config.NOTIFICATIONS_RETRY_INITIAL_MS,
      maxDelayMs: config.NOTIFICATIONS_RETRY_MAX_MS,
    }),
});
