import type { DocumentOutbox } from './document-outbox.ts';

/** The log a sweeper writes to (a pino / Fastify logger is one). */
export interface SweeperLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/**
 * A background worker, typed by its shape: `@eventflow/service`'s `Worker` (its `start` is given a
 * context with a `log`), without the document store depending on the service kit.
 */
export interface SweeperWorker {
  readonly name: string;
  start(context: { readonly log: SweeperLog }): Promise<void>;
  close(): Promise<void>;
}

export interface SweeperOptions {
  /** How often it looks, and how old a pending message must be to be sent by it (seconds, fractions allowed). */
  readonly intervalSeconds: number;
  readonly now?: () => Date;
}

/**
 * The outbox's background sender: every interval, the messages that have waited at least one
 * interval in their documents (the request that wrote them could not send them). Rounds never overlap;
 * closing waits for the round in flight.
 */
export function outboxSweeper(outbox: DocumentOutbox, options: SweeperOptions): SweeperWorker {
  const now = options.now ?? (() => new Date());
  const intervalMs = options.intervalSeconds * 1000;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();
  return {
    name: 'outbox-sweeper',
    start({ log }) {
      const warn = (fields: object, message: string) => log.warn(fields, message);
      const sweep = async () => {
        const sent = await outbox.sweep(new Date(now().getTime() - intervalMs), warn);
        if (sent > 0) log.info({ sent }, 'outbox: pending messages sent');
      };
      timer = setInterval(() => {
        round = round.then(sweep).catch((err: unknown) => log.warn({ err }, 'outbox: sweep failed'));
      }, intervalMs);
      timer.unref();
      return Promise.resolve();
    },
    async close() {
      clearInterval(timer);
      await round;
    },
  };
}
