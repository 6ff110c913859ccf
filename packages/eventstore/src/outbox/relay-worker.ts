import { startOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './relay.ts';

/** What the service kit gives a worker when it starts (its Worker, typed by shape: no kit dependency here). */
interface WorkerContext {
  readonly log: { warn(fields: object, message: string): void };
}

/**
 * The outbox relay as a service-kit worker (`workers: [outboxRelayWorker({ … })]`): it declares the
 * router's topics, relays from the app's start until its close, and logs a failed round as a warning
 * (the round is retried; the same rows are published again).
 */
export function outboxRelayWorker(options: Omit<OutboxRelayOptions, 'observer' | 'signal'>): {
  readonly name: string;
  start(context: WorkerContext): Promise<void>;
  close(): Promise<void>;
} {
  let relay: OutboxRelay | undefined;
  return {
    name: 'outbox-relay',
    async start({ log }) {
      await options.bus.declare(options.router.topics);
      relay = startOutboxRelay({
        ...options,
        observer: { failed: ({ error }) => log.warn({ err: error }, 'outbox relay round failed; retried') },
      });
    },
    async close() {
      await relay?.close();
    },
  };
}
