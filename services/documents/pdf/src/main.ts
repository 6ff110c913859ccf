// The PDF Server as its own process (distributed mode): reports stored on the Storage Server over
// HTTP, operation logs to Kafka (logs-pdf).
import { parseConfig } from '@eventflow/service';
import { runServiceProcess } from '@eventflow/service-process';
import { pdfService } from './service/pdf-service.ts';

const config = parseConfig(
  {
    type: 'object',
    properties: {
      HOST: { type: 'string', default: '127.0.0.1' },
      PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 8102 },
      STORAGE_URL: { type: 'string', format: 'uri', default: 'http://127.0.0.1:8103' },
      KAFKA_BROKERS: { type: 'string', default: '127.0.0.1:9092' },
    },
  },
  process.env,
);
await runServiceProcess({
  name: 'pdf',
  operationLog: { id: 'pdf', service: 'pdf-server' },
  brokers: config.KAFKA_BROKERS.split(','),
  host: config.HOST,
  port: config.PORT,
  build: ({ log }) => pdfService({ storage: { url: config.STORAGE_URL }, log }),
});
