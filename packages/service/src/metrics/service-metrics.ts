import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface MetricOptions<L extends string> {
  readonly name: string;
  readonly help: string;
  readonly labelNames?: readonly L[];
}

export interface HistogramOptions<L extends string> extends MetricOptions<L> {
  readonly buckets?: readonly number[];
}

/** The bus's metrics, registered on first use by `busMetrics()`. */
export interface BusMetrics {
  readonly consumerLag: Gauge<'topic' | 'partition' | 'group'>;
  readonly handlerDuration: Histogram<'topic' | 'group' | 'outcome'>;
  readonly deadLetters: Counter<'topic' | 'group'>;
  readonly published: Counter<'topic'>;
}

/**
 * One service instance's metrics: its own Registry (never prom-client's global one, so that a test
 * can build many apps) and get-or-create factories other packages register through.
 */
export interface ServiceMetrics {
  readonly registry: Registry;
  counter<L extends string>(options: MetricOptions<L>): Counter<L>;
  gauge<L extends string>(options: MetricOptions<L>): Gauge<L>;
  histogram<L extends string>(options: HistogramOptions<L>): Histogram<L>;
  busMetrics(): BusMetrics;
}

export interface ServiceMetricsOptions {
  readonly service: string;
  /** Process metrics (CPU, memory, event loop lag, GC); default true. */
  readonly defaultMetrics?: boolean;
}

export function createServiceMetrics(options: ServiceMetricsOptions): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });

  function existing<M>(name: string, kind: abstract new (...args: never[]) => M): M | undefined {
    const metric = registry.getSingleMetric(name);
    if (metric === undefined) return undefined;
    if (metric instanceof kind) return metric;
    throw new TypeError(`metric ${name} is already registered as another kind`);
  }
  const labels = <L extends string>(o: MetricOptions<L>) => ({ ...o, labelNames: [...(o.labelNames ?? [])] });

  const metrics: ServiceMetrics = {
    registry,
    counter: (o) => existing(o.name, Counter) ?? new Counter({ ...labels(o), registers: [registry] }),
    gauge: (o) => existing(o.name, Gauge) ?? new Gauge({ ...labels(o), registers: [registry] }),
    histogram: (o) =>
      existing(o.name, Histogram) ??
      new Histogram({
        ...labels(o),
        ...(o.buckets === undefined ? {} : { buckets: [...o.buckets] }),
        registers: [registry],
      }),
    busMetrics: () => createBusMetrics(metrics),
  };
  return metrics;
}

function createBusMetrics(metrics: ServiceMetrics): BusMetrics {
  return {
    consumerLag: metrics.gauge({
      name: 'bus_consumer_lag',
      help: 'Messages a consumer group has yet to read on a partition',
      labelNames: ['topic', 'partition', 'group'],
    }),
    handlerDuration: metrics.histogram({
      name: 'bus_handler_duration_seconds',
      help: 'Time a consumer handler took for one message, by outcome',
      labelNames: ['topic', 'group', 'outcome'],
    }),
    deadLetters: metrics.counter({
      name: 'bus_dead_letters_total',
      help: 'Messages sent to the dead-letter topic',
      labelNames: ['topic', 'group'],
    }),
    published: metrics.counter({
      name: 'bus_published_total',
      help: 'Messages published',
      labelNames: ['topic'],
    }),
  };
}
