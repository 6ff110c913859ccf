import { defineTopic, type Topic } from '@eventflow/bus';

/**
 * One operation of one service, as spec 000 asks ("Integración Kafka"): the minimum fields
 * correlationId, service, endpoint, timestamp, payload (JSON text) and success, plus what helps
 * trace it (operation, fileName, statusCode, durationMs, error).
 */
export interface OperationRecord {
  readonly correlationId: string;
  readonly service: string;
  readonly endpoint: string;
  /** ISO-8601 UTC. */
  readonly timestamp: string;
  /** The operation's input as JSON text, truncated past a bound. */
  readonly payload: string;
  readonly success: boolean;
  readonly operation?: string;
  readonly fileName?: string;
  readonly statusCode?: number;
  readonly durationMs?: number;
  readonly error?: string;
}

export const operationRecordSchema = {
  type: 'object',
  required: ['correlationId', 'service', 'endpoint', 'timestamp', 'payload', 'success'],
  properties: {
    correlationId: { type: 'string', minLength: 1 },
    service: { type: 'string', minLength: 1 },
    endpoint: { type: 'string', minLength: 1 },
    timestamp: { type: 'string', format: 'date-time' },
    payload: { type: 'string' },
    success: { type: 'boolean' },
    operation: { type: 'string' },
    fileName: { type: 'string' },
    statusCode: { type: 'integer' },
    durationMs: { type: 'number', minimum: 0 },
    error: { type: 'string' },
  },
} as const;

/** Every `logs-*` topic has this many partitions; the key (correlationId) picks one, always the same. */
export const operationLogPartitions = 3;

/** The topic `logs-<id>` of a service: `logs-hangfire`, `logs-pdf`, `logs-storage`… */
export function operationLogTopic(id: string): Topic<OperationRecord> {
  return defineTopic<OperationRecord>({
    name: `logs-${id}`,
    partitions: operationLogPartitions,
    type: 'operation-log',
    schema: operationRecordSchema,
  });
}
