import { checkReadiness, dependencyStatusSchema, type DependencyStatus, type ReadinessCheck } from '@eventflow/service';

/** The state of one thing a service depends on, found by a real check (a write, a round trip). */
export type DependencyHealth = DependencyStatus;

export interface ServiceHealth {
  readonly name: string;
  readonly status: 'up' | 'degraded' | 'down';
  readonly dependencies: readonly DependencyHealth[];
}

/** Something the gateway reports on: itself, or a service behind it. */
export interface HealthSource {
  readonly name: string;
  report(): Promise<ServiceHealth>;
}

export interface PlatformHealth {
  readonly status: 'ok' | 'degraded';
  readonly mode: 'embedded' | 'distributed';
  readonly services: readonly ServiceHealth[];
  readonly checkedAt: string;
}

/** Asks every source side by side; a source that fails to answer is reported down, never dropped. */
export async function platformHealth(
  mode: PlatformHealth['mode'],
  sources: readonly HealthSource[],
  now: () => Date = () => new Date(),
): Promise<PlatformHealth> {
  const services = await Promise.all(
    sources.map(async (source): Promise<ServiceHealth> => {
      try {
        return await source.report();
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return { name: source.name, status: 'down', dependencies: [{ name: 'process', status: 'down', detail }] };
      }
    }),
  );
  return {
    status: services.every((s) => s.status === 'up') ? 'ok' : 'degraded',
    mode,
    services,
    checkedAt: now().toISOString(),
  };
}

/**
 * One platform health at a time, reused for `maxAgeMs`: every caller in that window (a burst of
 * /health, /health/ready, the readiness of each source) shares one fan-out to the services, so health
 * stays cheap and true under load instead of timing out against itself.
 */
export function sharedHealth(
  check: () => Promise<PlatformHealth>,
  maxAgeMs = 1000,
  now: () => number = () => performance.now(),
): () => Promise<PlatformHealth> {
  let last: { at: number; health: Promise<PlatformHealth> } | undefined;
  return () => {
    if (last === undefined || now() - last.at >= maxAgeMs) {
      const health = check();
      const entry = { at: now(), health };
      last = entry;
      // A check that fails is not kept: the next caller asks again.
      health.catch(() => {
        if (last === entry) last = undefined;
      });
    }
    return last.health;
  };
}

/** A service whose dependencies are checked right here (the gateway itself, in-process checks). */
export function localSource(name: string, checks: readonly ReadinessCheck[], timeoutMs = 2000): HealthSource {
  return {
    name,
    async report() {
      const dependencies = await checkReadiness(checks, timeoutMs);
      return { name, status: dependencies.every((d) => d.status === 'up') ? 'up' : 'degraded', dependencies };
    },
  };
}

/** A service behind the gateway, asked over HTTP for its readiness (`GET <url>/health/ready`). */
export function upstreamSource(name: string, url: string, timeoutMs = 2000): HealthSource {
  return {
    name,
    async report() {
      const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(timeoutMs) });
      const body = (await response.json()) as { dependencies?: DependencyHealth[] };
      return {
        name,
        status: response.ok ? 'up' : 'degraded',
        dependencies: body.dependencies ?? [],
      };
    },
  };
}

export const platformHealthSchema = {
  type: 'object',
  required: ['status', 'mode', 'services', 'checkedAt'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    mode: { type: 'string', enum: ['embedded', 'distributed'] },
    checkedAt: { type: 'string', format: 'date-time' },
    services: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'status', 'dependencies'],
        properties: {
          name: { type: 'string' },
          status: { type: 'string', enum: ['up', 'degraded', 'down'] },
          dependencies: { type: 'array', items: dependencyStatusSchema },
        },
      },
    },
  },
} as const;
