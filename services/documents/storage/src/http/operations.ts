import { HttpOperations, type OperationLog, type RecordedOperation } from '@eventflow/oplog';
import type { FastifyRequest } from 'fastify';

/**
 * Records each upload, download and metadata read once, by oplog's HttpOperations: as an operation
 * record on `logs-storage` (given an OperationLog) and as a pino line (correlation id, file name,
 * time). A request's record is taken when its response is done; a streamed download's when its
 * stream ends or fails.
 */
export function storageOperations(options: {
  readonly log?: OperationLog | undefined;
  readonly now?: () => Date;
}): HttpOperations {
  const now = options.now ?? (() => new Date());
  return new HttpOperations(options.log, {
    onRecord: (request, recorded) => logLine(request, recorded, now()),
  });
}

function logLine(request: FastifyRequest, recorded: RecordedOperation, at: Date): void {
  const { operation, correlationId, requestCorrelationId, fileName, success, statusCode, error } = recorded;
  const line = {
    operation,
    ...(correlationId === undefined ? {} : { correlationId }),
    ...(requestCorrelationId === correlationId ? {} : { requestCorrelationId }),
    fileName,
    success,
    statusCode,
    error,
    at: at.toISOString(),
    ...recorded.payload,
  };
  request.log[success ? 'info' : 'warn'](
    line,
    `storage ${operation ?? recorded.endpoint} ${success ? 'done' : 'failed'}`,
  );
}
