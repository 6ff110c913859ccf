import { randomUUID } from 'node:crypto';

/** The five standard headers our adapter writes, as the bare client sends them too: the same bytes on the wire. */
export function standardHeaders(type: string): Record<string, string> {
  return {
    messageId: randomUUID(),
    correlationId: randomUUID(),
    type,
    schemaVersion: '1',
    occurredAt: new Date().toISOString(),
  };
}
