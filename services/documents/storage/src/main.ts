// The Storage Server as its own process (distributed mode): files on a local folder or volume,
// operation logs to Kafka (logs-storage).
import { parseConfig } from '@eventflow/service';
import { runServiceProcess } from '@eventflow/service-process';
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
await runServiceProcess({
  name: 'storage',
  operationLog: { id: 'storage', service: 'storage-server' },
  brokers: config.KAFKA_BROKERS.split(','),
  host: config.HOST,
  port: config.PORT,
  build: ({ log }) => storageService({ root: config.STORAGE_ROOT, maxBytes: config.STORAGE_MAX_BYTES, log }),
});
