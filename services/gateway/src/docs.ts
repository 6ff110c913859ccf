import type { OpenApiExtension } from '@eventflow/service';
import { routeCovers } from '@eventflow/host';
import { operationalPath, operationalPaths, type Upstream } from './proxy.ts';

type Document = Record<string, unknown>;
type Fetcher = (url: string) => Promise<Document>;

export interface PlatformDocsOptions {
  readonly upstreams: () => readonly Upstream[];
  /** How long a fetched document is reused (default 2 s). */
  readonly maxAgeMs?: number;
  readonly fetchDocument?: Fetcher;
}

/**
 * The platform's one OpenAPI document, served by the gateway at /docs: its own paths, every
 * service's paths that the gateway routes to it (as the gateway serves them), and each service's
 * /health, /health/ready and /metrics under `/services/<name>`. Each service's components are
 * renamed `<service>.<name>` so two services' `problem` schemas never collide. A service that does
 * not answer keeps its last document.
 */
export function platformDocs(options: PlatformDocsOptions): OpenApiExtension {
  const fetchDocument = options.fetchDocument ?? defaultFetch;
  const maxAgeMs = options.maxAgeMs ?? 2000;
  const known = new Map<string, Document>();
  let refreshed = 0;
  let inFlight: Promise<void> | undefined;

  const refreshAll = async () => {
    await Promise.all(
      options.upstreams().map(async (upstream) => {
        try {
          known.set(upstream.name, await fetchDocument(`${upstream.url}/docs/json`));
        } catch {
          // Kept from the last refresh, if any.
        }
      }),
    );
    refreshed = Date.now();
  };

  return {
    refresh() {
      if (Date.now() - refreshed < maxAgeMs) return Promise.resolve();
      inFlight ??= refreshAll().finally(() => (inFlight = undefined));
      return inFlight;
    },
    transform(document) {
      const merged = structuredClone(document);
      const paths = (merged['paths'] ??= {}) as Record<string, unknown>;
      const components = (merged['components'] ??= {}) as Record<string, Record<string, unknown>>;
      const schemas = (components['schemas'] ??= {});
      const tags: Array<{ name: string; description?: string }> = [{ name: 'gateway', description: 'The front door' }];
      for (const [path, item] of Object.entries(paths)) paths[path] = tagged(item, 'gateway');
      for (const upstream of options.upstreams()) {
        const service = known.get(upstream.name);
        if (service === undefined) continue;
        const info = (service['info'] ?? {}) as { description?: string };
        tags.push({
          name: upstream.name,
          ...(info.description === undefined ? {} : { description: info.description }),
        });
        const renamed = renameRefs(service, upstream.name);
        for (const [path, item] of Object.entries((renamed['paths'] ?? {}) as Record<string, unknown>)) {
          const served = servedPath(upstream, path);
          if (served !== undefined) paths[served] = tagged(item, upstream.name);
        }
        const theirs = ((renamed['components'] ?? {}) as { schemas?: Record<string, unknown> }).schemas ?? {};
        for (const [name, schema] of Object.entries(theirs)) schemas[`${upstream.name}.${name}`] = schema;
      }
      merged['tags'] = tags;
      merged['info'] = {
        title: 'EventFlow',
        version: (merged['info'] as { version?: string } | undefined)?.version ?? '0.0.0',
        description: 'Every endpoint of the platform, as the gateway serves it.',
      };
      return merged;
    },
  };
}

/** Where the gateway serves a service's path, if it does. */
function servedPath(upstream: Upstream, path: string): string | undefined {
  if ((operationalPaths as readonly string[]).includes(path)) return operationalPath(upstream.name, path);
  const routed = upstream.routes.some((route) => routeCovers(route, path));
  return routed ? path : undefined;
}

/** The path item with every operation tagged by its service (and a unique operationId). */
function tagged(item: unknown, service: string): unknown {
  if (typeof item !== 'object' || item === null) return item;
  const operations = { ...(item as Record<string, Record<string, unknown>>) };
  for (const [method, operation] of Object.entries(operations)) {
    if (typeof operation !== 'object' || operation === null || method === 'parameters') continue;
    const id = operation['operationId'];
    operations[method] = {
      ...operation,
      tags: [service],
      ...(typeof id === 'string' ? { operationId: `${service}.${id}` } : {}),
    };
  }
  return operations;
}

/** The document with `#/components/schemas/x` references renamed to `#/components/schemas/<service>.x`. */
function renameRefs(document: Document, service: string): Document {
  const prefix = '#/components/schemas/';
  return JSON.parse(JSON.stringify(document), (key, value: unknown) =>
    key === '$ref' && typeof value === 'string' && value.startsWith(prefix)
      ? `${prefix}${service}.${value.slice(prefix.length)}`
      : value,
  ) as Document;
}

async function defaultFetch(url: string): Promise<Document> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as Document;
}
