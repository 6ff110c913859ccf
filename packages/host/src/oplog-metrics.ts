import type { OperationLog, ShipperObserver } from '@eventflow/oplog';
import type { ServiceMetrics } from '@eventflow/service';
import type { FastifyBaseLogger } from 'fastify';

/**
 * The operation log's shipping in /metrics and in the service's log: records shipped, dropped (by
 * reason) and failed publishes as counters, the records waiting in memory as a gauge, and one warning
 * when publishing starts failing (the broker is down), one line when it recovers.
 */
export function operationLogObserver(
  metrics: ServiceMetrics,
  log: () => FastifyBaseLogger | undefined,
): { observer: ShipperObserver; watch(operationLog: OperationLog): void } {
  const shipped = metrics.counter({ name: 'oplog_records_shipped_total', help: 'Operation records published' });
  const dropped = metrics.counter({
    name: 'oplog_records_dropped_total',
    help: 'Operation records dropped, by reason (buffer-full, invalid, closed)',
    labelNames: ['reason'],
  });
  const failures = metrics.counter({
    name: 'oplog_publish_failures_total',
    help: 'Failed publishes of operation records (retried while the records are buffered)',
  });
  const buffered = metrics.gauge({ name: 'oplog_records_buffered', help: 'Operation records waiting to be published' });
  let failing = false;
  return {
    observer: {
      shipped(count) {
        shipped.inc(count);
        if (failing) log()?.info('operation log: publishing again');
        failing = false;
      },
      dropped(count, reason) {
        dropped.inc({ reason }, count);
        log()?.warn({ count, reason }, 'operation log: records dropped');
      },
      failed(error) {
        failures.inc();
        if (!failing) log()?.warn({ err: error }, 'operation log: publishing failed; records are kept and retried');
        failing = true;
      },
    },
    watch(operationLog) {
      buffered.reset();
      // Read at scrape time.
      Object.assign(buffered, { collect: () => buffered.set(operationLog.stats.buffered) });
    },
  };
}
