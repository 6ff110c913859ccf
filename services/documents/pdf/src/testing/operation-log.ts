import type { Bus, OutgoingMessage, PublishReceipt, Topic } from '@eventflow/bus';
import { OperationLog, operationLogTopic, type OperationRecord } from '@eventflow/oplog';

/** An operation log shipping to a fake bus: `records` is what reached `logs-<id>`. */
export function capturedLog(id: string, service: string): { log: OperationLog; records: OperationRecord[] } {
  const records: OperationRecord[] = [];
  const bus: Pick<Bus, 'publish'> = {
    publish<T>(topic: Topic<T>, messages: ReadonlyArray<OutgoingMessage<T>>): Promise<PublishReceipt[]> {
      for (const message of messages) topic.validate(message.value);
      records.push(...messages.map((m) => m.value as unknown as OperationRecord));
      return Promise.resolve(messages.map(() => ({ topic: topic.name, partition: 0, messageId: 'm' })));
    },
  };
  return { log: new OperationLog({ service, topic: operationLogTopic(id), bus, lingerMs: 0 }), records };
}

/** pino output captured as parsed lines. */
export function capturedLines(): { lines: Array<Record<string, unknown>>; stream: { write(line: string): void } } {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, stream: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } };
}
