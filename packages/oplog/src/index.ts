export { operationLogPartitions, operationLogTopic, operationRecordSchema, type OperationRecord } from './record.ts';
export { OperationLog, type OperationEntry, type OperationLogOptions, type ShipperObserver } from './shipper.ts';
export {
  HttpOperations,
  logHttpOperations,
  type HttpOperation,
  type HttpOperationLoggingOptions,
  type HttpOperationsOptions,
  type OperationDetails,
  type OperationHooks,
  type RecordedOperation,
} from './http.ts';
export { OperationSpool, type SpooledRecord, type SpoolOptions } from './spool.ts';
