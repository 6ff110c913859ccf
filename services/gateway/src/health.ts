/** The state of one thing a service depends on, found by a real check (a write, a round trip). */
export interface DependencyHealth {
  readonly name: string;
  readonly status: 'up' | 'down';
  readonly detail: string;
}

/** A service as the gateway reports it: its name and how to check its dependencies. */
export interface HostedService {
  readonly name: string;
  readonly dependencies: ReadonlyArray<{ readonly name: string; check(): Promise<string> }>;
}

export interface ServiceHealth {
  readonly name: string;
  readonly status: 'up' | 'degraded';
  readonly dependencies: readonly DependencyHealth[];
}

export interface PlatformHealth {
  readonly status: 'ok' | 'degraded';
  readonly mode: 'embedded' | 'distributed';
  readonly services: readonly ServiceHealth[];
  readonly checkedAt: string;
}

/** Checks every dependency of every service, side by side; a check that throws reports `down`. */
export async function checkHealth(
  mode: PlatformHealth['mode'],
  services: readonly HostedService[],
  now: () => Date = () => new Date(),
): Promise<PlatformHealth> {
  const reports = await Promise.all(
    services.map(async (service): Promise<ServiceHealth> => {
      const dependencies = await Promise.all(
        service.dependencies.map(async (dependency): Promise<DependencyHealth> => {
          try {
            return { name: dependency.name, status: 'up', detail: await dependency.check() };
          } catch (error) {
            return {
              name: dependency.name,
              status: 'down',
              detail: error instanceof Error ? error.message : String(error),
            };
          }
        }),
      );
      return {
        name: service.name,
        status: dependencies.every((d) => d.status === 'up') ? 'up' : 'degraded',
        dependencies,
      };
    }),
  );
  return {
    status: reports.every((r) => r.status === 'up') ? 'ok' : 'degraded',
    mode,
    services: reports,
    checkedAt: now().toISOString(),
  };
}
