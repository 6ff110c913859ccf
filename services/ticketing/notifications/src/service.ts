import type { Bus } from '@eventflow/bus';
import type { Mail } from '@eventflow/mail';
import { worker, type ServiceDefinition } from '@eventflow/service';
import type { SqlDatabase } from '@eventflow/sql';
import { reservasTopic, usuariosTopic } from '@eventflow/ticketing-contracts';
import { deliverer } from './deliver.ts';
import { notificationRoutes } from './http/routes.ts';
import { NotificationStore } from './store.ts';

/** Where notifications that could not be sent end, with why (the bus's dead-letter headers). */
export const notificationsDeadLetterTopic = 'ticketing.notificaciones.dlq';

export interface NotificationsServiceOptions {
  readonly sql: SqlDatabase;
  readonly schema: string;
  readonly bus: Bus;
  readonly mail: Mail;
  readonly urlOf: (service: string) => string;
  readonly group: string;
  /** Events that occurred before this send nothing. */
  readonly notBefore?: Date;
  /** @default 6 */
  readonly maxAttempts?: number;
  /** @default 500 */
  readonly initialDelayMs?: number;
  /** @default 30000 */
  readonly maxDelayMs?: number;
}

export function notificationsService(options: NotificationsServiceOptions): ServiceDefinition {
  const store = new NotificationStore(options.sql, options.schema);
  const maxAttempts = options.maxAttempts ?? 6;
  const retry = {
    maxAttempts,
    initialDelayMs: options.initialDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
  };
  return {
    name: 'notifications',
    version: '0.1.0',
    description: 'Emails on user created, reservation confirmed and failed; one per event, retried, dead-lettered',
    routes: [notificationRoutes(store, options.mail)],
    workers: [
      worker('notifications', async ({ log, metrics }) => {
        const outcomes = metrics.counter({
          name: 'notifications_total',
          help: 'Notification deliveries by kind and outcome (enviada, repetida, descartada, reintento, fallida)',
          labelNames: ['tipo', 'resultado'],
        });
        const deliver = deliverer({
          store,
          mail: options.mail,
          urlOf: options.urlOf,
          maxAttempts,
          ...(options.notBefore === undefined ? {} : { notBefore: options.notBefore }),
          onOutcome: (tipo, resultado) => {
            outcomes.inc({ tipo, resultado });
            log.info({ tipo, resultado }, 'notification');
          },
        });
        const subscriptions = await Promise.all(
          // A group per topic: members of one group must subscribe to the same topics.
          [usuariosTopic, reservasTopic].map((topic) =>
            options.bus.subscribe({
              group: `${options.group}.${topic.name.replace(/^ticketing\./, '')}`,
              topic: topic as typeof usuariosTopic,
              handle: deliver,
              retry,
              deadLetterTopic: notificationsDeadLetterTopic,
            }),
          ),
        );
        return { close: () => Promise.all(subscriptions.map((s) => s.close())).then(() => undefined) };
      }),
    ],
  };
}
