// The gateway as its own process (distributed mode): upstreams come from GATEWAY_UPSTREAMS, its
// operation logs go to logs-gateway on Kafka.
import { createKafkaBus } from '@eventflow/bus/kafka';
import { OperationLog, logHttpOperations, operationLogTopic } from '@eventflow/oplog';
import { busObserver, createServiceMetrics, serveApp } from '@eventflow/service';
import { buildGateway } from './app.ts';
import { gatewayConfig } from './config.ts';
import { localSource, upstreamSource } from './health.ts';
import { gatewayOperation } from './operations.ts';

const config = gatewayConfig(process.env);
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const metrics = createServiceMetrics({ service: 'gateway' });
const bus = await createKafkaBus({ brokers, clientId: 'gateway', observer: busObserver(metrics) });
const topic = operationLogTopic('gateway');
await bus.declare([topic]);
const log = new OperationLog({ service: 'gateway', topic, bus });

const gateway = buildGateway({
  mode: 'distributed',
  upstreams: config.upstreams,
  ...(config.CONSOLE_DIR === undefined ? {} : { consoleDir: config.CONSOLE_DIR }),
  health: [
    localSource('gateway', [{ name: 'kafka', check: () => Promise.resolve(`brokers ${brokers.join(',')}`) }]),
    ...config.upstreams.map((u) => upstreamSource(u.name, u.url)),
  ],
  service: { logger: { level: config.LOG_LEVEL as 'info' }, metrics },
});
logHttpOperations(gateway, log, { include: gatewayOperation });
gateway.addHook('onClose', async () => {
  await log.close();
  await bus.close();
});
await serveApp(gateway, { host: config.GATEWAY_HOST, port: config.GATEWAY_PORT });
