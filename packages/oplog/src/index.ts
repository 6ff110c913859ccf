export { operationLogPartitions, operationLogTopic, operationRecordSchema, type OperationRecord } from './record.ts';
export { OperationLog, type OperationEntry, type OperationLogOptions, type ShipperObserver } from './shipper.ts';
export { logHttpOperations, type HttpOperationLoggingOptions } from './http.ts';
