import { matchesPrefix, type GatewayRoute } from '../routes.ts';

/** One service of the platform, as the gateway and the other services find it. */
export interface RegistryEntry {
  readonly name: string;
  readonly system: string;
  readonly routes: readonly GatewayRoute[];
  /** Its operation-log topic (`logs-<id>`). */
  readonly logTopic: string;
  /** Where it listens; absent until it does (embedded mode fills it in as services start). */
  readonly url?: string;
  /** The front door (the gateway). */
  readonly front?: boolean;
  /** The largest non-multipart body it takes, in bytes (the gateway refuses larger ones up front). */
  readonly bodyLimit?: number;
}

/**
 * The platform's services and where they listen: written once (from the descriptors) and read by the
 * gateway (what to route where), the logs service (which topics to follow) and every service that
 * calls another (`urlOf`).
 */
export class ServiceRegistry {
  readonly #entries = new Map<string, RegistryEntry>();

  constructor(entries: readonly RegistryEntry[] = []) {
    for (const entry of entries) this.#entries.set(entry.name, entry);
  }

  get entries(): readonly RegistryEntry[] {
    return [...this.#entries.values()];
  }

  /** The services behind the front door, in registration order. */
  get upstreams(): readonly RegistryEntry[] {
    return this.entries.filter((entry) => entry.front !== true);
  }

  /** Every operation-log topic of the platform. */
  get logTopics(): readonly string[] {
    return [...new Set(this.entries.map((entry) => entry.logTopic))];
  }

  get(name: string): RegistryEntry | undefined {
    return this.#entries.get(name);
  }

  /** Records where a service listens. */
  listening(name: string, url: string): void {
    const entry = this.#entries.get(name);
    if (entry === undefined) throw new Error(`service ${name} is not in the registry`);
    this.#entries.set(name, { ...entry, url });
  }

  /** The base URL of a service; throws when it is unknown or not listening yet. */
  urlOf(name: string): string {
    const entry = this.#entries.get(name);
    if (entry === undefined) {
      throw new Error(`unknown service ${name}: it is not in SERVICE_REGISTRY (or set ${urlVariable(name)})`);
    }
    if (entry.url === undefined) throw new Error(`service ${name} is not listening yet: declare it in "calls"`);
    return entry.url;
  }

  /** The service the gateway sends `path` to: an exact path first, then the longest prefix. */
  route(path: string): RegistryEntry | undefined {
    let best: { entry: RegistryEntry; length: number } | undefined;
    for (const entry of this.upstreams) {
      for (const route of entry.routes) {
        if ('path' in route) {
          if (route.path === path) return entry;
        } else if (matchesPrefix(route.prefix, path) && route.prefix.length > (best?.length ?? -1)) {
          best = { entry, length: route.prefix.length };
        }
      }
    }
    return best?.entry;
  }

  toJSON(): readonly RegistryEntry[] {
    return this.entries;
  }
}

/** The variable that overrides where a service is reached: `storage` → `STORAGE_URL`. */
export function urlVariable(name: string): string {
  return `${name.toUpperCase().replaceAll('-', '_')}_URL`;
}

/** Reads `SERVICE_REGISTRY` (JSON, as `ServiceRegistry.toJSON` writes it), validated. */
export function parseRegistry(text: string): ServiceRegistry {
  const parsed = JSON.parse(text) as unknown;
  if (!Array.isArray(parsed) || !parsed.every(isEntry)) {
    throw new Error(
      'SERVICE_REGISTRY must be a JSON array of { name, system, routes: [{ prefix } | { path }], logTopic, url? }',
    );
  }
  return new ServiceRegistry(parsed);
}

function isEntry(value: unknown): value is RegistryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry['name'] === 'string' &&
    typeof entry['system'] === 'string' &&
    typeof entry['logTopic'] === 'string' &&
    (entry['url'] === undefined || typeof entry['url'] === 'string') &&
    Array.isArray(entry['routes']) &&
    entry['routes'].every(
      (route: unknown) =>
        typeof route === 'object' &&
        route !== null &&
        (typeof (route as { prefix?: unknown }).prefix === 'string' ||
          typeof (route as { path?: unknown }).path === 'string'),
    )
  );
}
