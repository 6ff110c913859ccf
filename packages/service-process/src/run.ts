import type { Bus } from '@eventflow/bus';
import { createKafkaBus } from '@eventflow/bus/kafka';
import { OperationLog, operationLogTopic } from '@eventflow/oplog';
import {
  busObserver,
  createServiceMetrics,
  runService,
  type RunningService,
  type ServiceDefinition,
} from '@eventflow/service';

export interface ServiceProcess {
  /** The service's name in metrics and Kafka client ids, e.g. `pdf`. */
  readonly name: string;
  /** Its operation log: records go to `logs-<id>` with `service` as their service name. */
  readonly operationLog: { readonly id: string; readonly service: string };
  readonly brokers: readonly string[];
  readonly host: string;
  readonly port: number;
  /** The service's definition, given the bus and the operation log. */
  build(context: { readonly bus: Bus; readonly log: OperationLog }): ServiceDefinition | Promise<ServiceDefinition>;
}

/**
 * The bootstrap every distributed service shares: a Kafka bus reporting into the service's
 * metrics, its `logs-<id>` topic declared, an operation log on it, and shutdown in the right
 * order (workers close newest first: the service's own workers, then the log flushes, then the
 * bus closes).
 */
export async function runServiceProcess(process: ServiceProcess): Promise<RunningService> {
  const metrics = createServiceMetrics({ service: process.name });
  const bus = await createKafkaBus({
    brokers: process.brokers,
    clientId: `${process.name}-service`,
    observer: busObserver(metrics),
  });
  const topic = operationLogTopic(process.operationLog.id);
  await bus.declare([topic]);
  const log = new OperationLog({ service: process.operationLog.service, topic, bus });
  const definition = await process.build({ bus, log });
  return runService(
    {
      ...definition,
      workers: [
        { name: 'bus', close: () => bus.close() },
        { name: 'operation-log', close: () => log.close() },
        ...(definition.workers ?? []),
      ],
    },
    { host: process.host, port: process.port, metrics },
  );
}
