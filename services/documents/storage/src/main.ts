// The Storage Server as its own process (distributed mode): files on a local folder or volume,
// operation logs to Kafka (logs-storage).
import { createKafkaBus } from '@eventflow/bus/kafka';
import { OperationLog, operationLogTopic } from '@eventflow/oplog';
import { busObserver, createServiceMetrics, parseConfig, runService } from '@eventflow/service';
import { defaultMaxBytes, storageService } from './service/storage-service.ts';

const config = parseConfig(
  {
    type: 'object',
    properties: {
      HOST: { type: 'string', default: '127.0.0.1' },
      PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 8103 },
      STORAGE_ROOT: { type: 'string', default: '.data/storage' },
      STORAGE_MAX_BYTES: { type: 'integer', minimum: 1, default: defaultMaxBytes },
      KAFKA_BROKERS: { type: 'string', default: '127.0.0.1:9092' },
    },
  },
  process.env,
);
const metrics = createServiceMetrics({ service: 'storage' });
const bus = await createKafkaBus({
  brokers: config.KAFKA_BROKERS.split(','),
  clientId: 'storage-service',
  observer: busObserver(metrics),
});
const topic = operationLogTopic('storage');
await bus.declare([topic]);
const log = new OperationLog({ service: 'storage-server', topic, bus });
const definition = storageService({ root: config.STORAGE_ROOT, maxBytes: config.STORAGE_MAX_BYTES, log });
// Workers close newest first: the operation log flushes before the bus closes.
await runService(
  {
    ...definition,
    workers: [
      { name: 'bus', close: () => bus.close() },
      { name: 'operation-log', close: () => log.close() },
      ...(definition.workers ?? []),
    ],
  },
  { host: config.HOST, port: config.PORT, metrics },
);
