// Where the requests go and how long each service takes with them, read from the services' own
// Prometheus metrics (http_requests_total and http_request_duration_seconds, per method, route and
// status) before and after a phase: the gateway's at /metrics, each service's at
// /services/<name>/metrics through the gateway. The same in both modes.

/** The ticketing services behind the gateway. */
export const ticketingServiceNames = [
  'users',
  'events',
  'inventory',
  'payment-provider',
  'payments',
  'reservations',
] as const;

/** Per `service method route`: requests answered and seconds spent answering them (server side). */
export type RouteTotals = Map<string, { count: number; seconds: number }>;

const sample = /^(http_requests_total|http_request_duration_seconds_sum)\{([^}]*)\} ([0-9.e+-]+)$/;

function labelsOf(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const match of text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[match[1] ?? ''] = match[2] ?? '';
  return labels;
}

/** Adds one Prometheus text exposition's HTTP figures to `totals`. */
export function addRouteTotals(totals: RouteTotals, text: string, service: string): void {
  for (const line of text.split('\n')) {
    const match = sample.exec(line);
    if (match === null) continue;
    const labels = labelsOf(match[2] ?? '');
    const key = `${service} ${labels['method'] ?? '?'} ${labels['route'] ?? '?'}`;
    const entry = totals.get(key) ?? { count: 0, seconds: 0 };
    if (match[1] === 'http_requests_total') entry.count += Number(match[3]);
    else entry.seconds += Number(match[3]);
    totals.set(key, entry);
  }
}

/** The gateway's and every ticketing service's HTTP totals, now. */
export async function scrapeRoutes(gateway: string): Promise<RouteTotals> {
  const totals: RouteTotals = new Map();
  const sources = [
    { service: 'gateway', url: `${gateway}/metrics` },
    ...ticketingServiceNames.map((service) => ({ service, url: `${gateway}/services/${service}/metrics` })),
  ];
  await Promise.all(
    sources.map(async ({ service, url }) => {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
      addRouteTotals(totals, await response.text(), service);
    }),
  );
  return totals;
}

/** Routes that are the measurement's own (scrapes, health, polling), left out of the counts. */
const ours = /\/metrics$|\/health|\/resumen|unmatched/;

/** `after − before`, per route, leaving out the measurement's own routes and routes that did nothing. */
export function routeDelta(before: RouteTotals, after: RouteTotals): RouteTotals {
  const delta: RouteTotals = new Map();
  for (const [key, value] of after) {
    if (ours.test(key)) continue;
    const was = before.get(key) ?? { count: 0, seconds: 0 };
    const count = value.count - was.count;
    if (count <= 0) continue;
    delta.set(key, { count, seconds: value.seconds - was.seconds });
  }
  return delta;
}

/** Requests answered, over all routes of a delta. */
export function requestsOf(delta: RouteTotals): number {
  let n = 0;
  for (const { count } of delta.values()) n += count;
  return n;
}
