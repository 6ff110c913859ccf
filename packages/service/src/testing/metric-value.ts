import type { Registry } from 'prom-client';

/**
 * The value of one sample of a metric whose labels include `labels` (`undefined` if none matches).
 * Histograms have several series: pass `series` ('_count', '_sum') to pick one.
 */
export async function metricValue(
  registry: Registry,
  name: string,
  labels: Readonly<Record<string, string | number>> = {},
  series = '',
): Promise<number | undefined> {
  const metric = registry.getSingleMetric(name);
  if (metric === undefined) return undefined;
  const { values } = await metric.get();
  const wanted = Object.entries(labels);
  const sample = values.find(
    (value) =>
      ('metricName' in value ? value.metricName : name) === `${name}${series}` &&
      wanted.every(([key, expected]) => String(value.labels[key]) === String(expected)),
  );
  return sample?.value;
}
