// The job server as its own process (distributed mode): jobs in PostgreSQL, operation logs to
// Kafka (logs-hangfire), reports from the PDF server.
import { parseConfig } from '@eventflow/service';
import { runServiceProcess } from '@eventflow/service-process';
import { jobService } from './service/job-service.ts';

const config = parseConfig(
  {
    type: 'object',
    required: ['DATABASE_URL'],
    properties: {
      HOST: { type: 'string', default: '127.0.0.1' },
      PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 8104 },
      DATABASE_URL: { type: 'string', format: 'uri' },
      JOBS_SCHEMA: { type: 'string', pattern: '^[a-z_][a-z0-9_]{0,40}$', default: 'hangfire' },
      JOBS_CONCURRENCY: { type: 'integer', minimum: 1, maximum: 256, default: 8 },
      PDF_URL: { type: 'string', format: 'uri', default: 'http://127.0.0.1:8102' },
      KAFKA_BROKERS: { type: 'string', default: '127.0.0.1:9092' },
    },
  },
  process.env,
);
await runServiceProcess({
  name: 'hangfire',
  operationLog: { id: 'hangfire', service: 'hangfire-server' },
  brokers: config.KAFKA_BROKERS.split(','),
  host: config.HOST,
  port: config.PORT,
  build: ({ log }) =>
    jobService({
      db: config.DATABASE_URL,
      schema: config.JOBS_SCHEMA,
      concurrency: config.JOBS_CONCURRENCY,
      pdf: { url: config.PDF_URL },
      log,
    }),
});
