import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metricValue } from '../testing/index.ts';
import { busObserver } from './bus-observer.ts';
import { createServiceMetrics } from './service-metrics.ts';

test('busObserver records what the bus reports into the bus_* metrics', async () => {
  const metrics = createServiceMetrics({ service: 'billing', defaultMetrics: false });
  const { registry } = metrics;
  const observer = busObserver(metrics);
  const group = { topic: 'orders', group: 'billing' };

  observer.published({ topic: 'orders', count: 3 });
  observer.handled({ ...group, partition: 0, durationMs: 250, outcome: 'ok' });
  observer.handled({ ...group, partition: 1, durationMs: 40, outcome: 'dead-letter' });
  observer.deadLettered({ ...group, code: 'ORDER.UNKNOWN_CUSTOMER' });
  observer.lag({ ...group, partition: 1, lag: 17 });

  assert.equal(await metricValue(registry, 'bus_published_total', { topic: 'orders' }), 3);
  const ok = { ...group, outcome: 'ok' };
  assert.equal(await metricValue(registry, 'bus_handler_duration_seconds', ok, '_sum'), 0.25);
  assert.equal(await metricValue(registry, 'bus_handler_duration_seconds', { outcome: 'dead-letter' }, '_count'), 1);
  assert.equal(await metricValue(registry, 'bus_dead_letters_total', group), 1);
  assert.equal(await metricValue(registry, 'bus_consumer_lag', { ...group, partition: 1 }), 17);
  assert.match(await registry.metrics(), /^bus_published_total\{topic="orders",service="billing"\} 3$/m);
});

test('the factories get or create: asking twice for a metric gives the same one', () => {
  const metrics = createServiceMetrics({ service: 'billing', defaultMetrics: false });

  const first = metrics.counter({ name: 'invoices_total', help: 'Invoices issued', labelNames: ['currency'] });
  const again = metrics.counter({ name: 'invoices_total', help: 'Invoices issued', labelNames: ['currency'] });
  const bus = metrics.busMetrics();

  assert.equal(first, again);
  assert.equal(metrics.busMetrics().published, bus.published);
  assert.throws(() => metrics.gauge({ name: 'invoices_total', help: 'not a gauge' }), /another kind/);
});
