// The PDF Server as its own process (distributed mode): reports stored on the Storage Server over
// HTTP, operation logs to Kafka (logs-pdf).
import { createKafkaBus } from '@eventflow/bus/kafka';
import { OperationLog, operationLogTopic } from '@eventflow/oplog';
import { busObserver, createServiceMetrics, parseConfig, runService } from '@eventflow/service';
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
const metrics = createServiceMetrics({ service: 'pdf' });
const bus = await createKafkaBus({
  brokers: config.KAFKA_BROKERS.split(','),
  clientId: 'pdf-service',
  observer: busObserver(metrics),
});
const topic = operationLogTopic('pdf');
await bus.declare([topic]);
const log = new OperationLog({ service: 'pdf-server', topic, bus });
const definition = pdfService({ storage: { url: config.STORAGE_URL }, log });
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
