import type { OutgoingMessage } from '../headers.ts';
import type { Bus, PublishReceipt } from '../port.ts';
import type { Topic } from '../topic.ts';

export interface PublishedMessage {
  readonly topic: string;
  readonly message: OutgoingMessage<unknown>;
}

/** A bus that keeps what is published (validated by its topic, like a real one), and fails while told to. */
export interface RecordingBus extends Bus {
  readonly published: PublishedMessage[];
  /** While true, every publish rejects (a broker that is down). */
  down: boolean;
}

export function recordingBus(): RecordingBus {
  const published: PublishedMessage[] = [];
  const bus: RecordingBus = {
    kind: 'embedded',
    published,
    down: false,
    declare: () => Promise.resolve(),
    publish<T>(topic: Topic<T>, messages: ReadonlyArray<OutgoingMessage<T>>): Promise<PublishReceipt[]> {
      if (bus.down) return Promise.reject(new Error('broker unavailable (recording bus told to fail)'));
      // A payload its topic refuses rejects the whole publish, as a real bus does; nothing is kept.
      const invalid = invalidIn(topic, messages);
      if (invalid !== undefined) return Promise.reject(invalid);
      for (const message of messages) published.push({ topic: topic.name, message });
      return Promise.resolve(messages.map((m) => ({ topic: topic.name, partition: 0, messageId: m.messageId ?? '' })));
    },
    subscribe: () => Promise.reject(new Error('the recording bus does not deliver')),
    close: () => Promise.resolve(),
  };
  return bus;
}

function invalidIn<T>(topic: Topic<T>, messages: ReadonlyArray<OutgoingMessage<T>>): Error | undefined {
  try {
    for (const message of messages) topic.validate(message.value);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
