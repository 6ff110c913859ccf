import type { Bus, OutgoingMessage, PublishReceipt, Topic } from '@eventflow/bus';
import { operationLogTopic, type OperationRecord } from '../record.ts';
import { OperationLog, type OperationLogOptions } from '../shipper.ts';

export interface RecordingOperationLog {
  /** A real OperationLog (buffered, batched), shipping to a bus that only records. */
  readonly log: OperationLog;
  /** What reached `logs-<id>`, in order: each record checked against the topic's schema, as a real bus does. */
  readonly records: OperationRecord[];
}

/**
 * The operation log of a service under test: `recordingOperationLog('storage', 'storage-server')`
 * ships to `logs-storage` with no linger, and `records` holds what was shipped. Await
 * `log.flush()` (or a condition) before reading `records`; close the log after the test.
 */
export function recordingOperationLog(
  id: string,
  service: string,
  options: Partial<Omit<OperationLogOptions, 'service' | 'topic' | 'bus'>> = {},
): RecordingOperationLog {
  const records: OperationRecord[] = [];
  const bus: Pick<Bus, 'publish'> = {
    publish<T>(topic: Topic<T>, messages: ReadonlyArray<OutgoingMessage<T>>): Promise<PublishReceipt[]> {
      for (const message of messages) topic.validate(message.value);
      records.push(...messages.map((message) => message.value as unknown as OperationRecord));
      return Promise.resolve(messages.map((_, n) => ({ topic: topic.name, partition: 0, messageId: `m-${n}` })));
    },
  };
  const log = new OperationLog({ lingerMs: 0, ...options, service, topic: operationLogTopic(id), bus });
  return { log, records };
}
