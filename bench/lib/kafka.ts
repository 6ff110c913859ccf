import { Admin } from '@platformatic/kafka';
import { connectionSettings, probeKafka } from '@eventflow/infra-local';

/** The brokers the benchmarks talk to: KAFKA_BROKERS, or the local one `npm run infra:up` runs. */
export function kafkaBrokers(): string[] {
  return [...connectionSettings().kafkaBrokers];
}

/** Fails with what to do when no broker answers, instead of hanging in a client's retries. */
export async function requireKafka(brokers: readonly string[]): Promise<void> {
  const probe = await probeKafka(brokers);
  if (!probe.ok) {
    throw new Error(
      `Kafka at ${brokers.join(',')} does not answer (${probe.detail}); start it: npm run infra:up (or set KAFKA_BROKERS)`,
    );
  }
}

/** Remembers the topics a benchmark made and deletes them at the end, so runs do not pile up. */
export class TopicJanitor {
  readonly #brokers: string[];
  readonly #names = new Set<string>();

  constructor(brokers: readonly string[]) {
    this.#brokers = [...brokers];
  }

  track(...names: string[]): void {
    for (const name of names) this.#names.add(name);
  }

  async deleteAll(): Promise<void> {
    if (this.#names.size === 0) return;
    const admin = new Admin({ clientId: 'eventflow-bench-janitor', bootstrapBrokers: this.#brokers });
    try {
      const existing = new Set(await admin.listTopics());
      const topics = [...this.#names].filter((name) => existing.has(name));
      if (topics.length > 0) await admin.deleteTopics({ topics });
    } finally {
      await admin.close();
    }
  }
}
