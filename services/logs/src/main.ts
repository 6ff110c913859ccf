// The logs service as its own process (distributed mode), on Kafka.
import { createKafkaBus } from '@eventflow/bus/kafka';
import { busObserver, createServiceMetrics, parseConfig, runService } from '@eventflow/service';
import { logsService } from './service.ts';

const config = parseConfig(
  {
    type: 'object',
    properties: {
      HOST: { type: 'string', default: '127.0.0.1' },
      PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 8101 },
      KAFKA_BROKERS: { type: 'string', default: '127.0.0.1:9092' },
      LOG_TOPICS: { type: 'string', default: 'logs-gateway,logs-hangfire,logs-pdf,logs-storage' },
    },
  },
  process.env,
);
const metrics = createServiceMetrics({ service: 'logs' });
const bus = await createKafkaBus({
  brokers: config.KAFKA_BROKERS.split(','),
  clientId: 'logs-service',
  observer: busObserver(metrics),
});
const definition = logsService({ bus, topics: config.LOG_TOPICS.split(',').filter((t) => t !== '') });
await runService(
  { ...definition, workers: [{ name: 'bus', close: () => bus.close() }, ...(definition.workers ?? [])] },
  { host: config.HOST, port: config.PORT, metrics },
);
