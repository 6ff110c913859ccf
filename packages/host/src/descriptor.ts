import type { Bus } from '@eventflow/bus';
import type { Cache } from '@eventflow/cache';
import type { DocumentStore } from '@eventflow/docstore';
import type { Mail } from '@eventflow/mail';
import type { OperationLog } from '@eventflow/oplog';
import type { ConfigOf, ConfigSchema, ReadinessCheck, ServiceDefinition } from '@eventflow/service';
import type { Keyring } from '@eventflow/privacy';
import type { MigrationSet, SqlDatabase } from '@eventflow/sql';
import type { FastifyRequest } from 'fastify';
import type { ServiceRegistry } from './registry/registry.ts';
import type { GatewayRoute } from './routes.ts';
import { registrationsOf, type Publication } from './schemas/publishes.ts';

export type { GatewayRoute } from './routes.ts';
export type { Publication } from './schemas/publishes.ts';

/** A folder of the service's own (created by the host). */
export interface FilesPort {
  readonly dir: string;
}

/**
 * The platform's ports, each opened by the host on the adapter of the mode it runs in:
 *
 * | port        | embedded                          | distributed                 |
 * |-------------|-----------------------------------|-----------------------------|
 * | `bus`       | the embedded log (one per platform) | Apache Kafka (`KAFKA_BROKERS`) |
 * | `sql`       | PGlite, one per service           | PostgreSQL (`DATABASE_URL`)  |
 * | `documents` | JSONB tables on the service's PGlite | MongoDB (`MONGODB_URL`)   |
 * | `cache`     | in-memory LRU with TTL            | Redis (`REDIS_URL`)          |
 * | `files`     | `<data>/files/<service>`          | `<DATA_DIR>/files/<service>` |
 * | `keys`      | development keys in `<data>/keys` unless `PRIVACY_*` are set | `PRIVACY_*` (else the same dev file) |
 * | `mail`      | an SMTP server in the process, its mailbox in memory | SMTP (`SMTP_URL`), read back from Mailpit (`MAILPIT_URL`) |
 */
export interface Ports {
  readonly bus: Bus;
  readonly sql: SqlDatabase;
  readonly documents: DocumentStore;
  readonly cache: Cache;
  readonly files: FilesPort;
  /** The keyring that seals personal data and derives blind indexes and pseudonyms (@eventflow/privacy). */
  readonly keys: Keyring;
  /** Email over SMTP, and the mailbox that received it (@eventflow/mail). */
  readonly mail: Mail;
}

export type PortName = keyof Ports;

/** The mode the host runs in. */
export type HostMode = 'embedded' | 'distributed';

/** What a descriptor's build function gets from the host. */
export interface ServiceContext<S extends ConfigSchema, N extends PortName> {
  readonly mode: HostMode;
  /** The service's own configuration, parsed once by the host from the environment. */
  readonly config: ConfigOf<S>;
  /** The ports it declared in `needs`, opened. */
  readonly ports: Pick<Ports, N>;
  /** Its operation log (topic `logs-<operationLog.id>`), flushed by the host after the service stops. */
  readonly log: OperationLog;
  /** The base URL of another service it declared in `calls`. */
  readonly urlOf: (service: string) => string;
  /** Every service of the platform and where it listens (the gateway routes with it). */
  readonly registry: ServiceRegistry;
  /** The host's checks of the opened ports (already part of the service's readiness). */
  readonly portChecks: readonly ReadinessCheck[];
}

/** Which HTTP requests the host records in the service's operation log. */
export type RequestRecording =
  /** Every request the predicate accepts. */
  | ((request: FastifyRequest) => boolean)
  /** The service records its operations itself (with fields of its own). */
  | 'self';

/**
 * A service as the host runs it: what it is, where the gateway routes to it, what it needs, and how
 * to build it. Adding a service to the platform is one descriptor and one entry in the platform list.
 */
export interface ServiceDescriptor<S extends ConfigSchema = ConfigSchema, N extends PortName = PortName> {
  /** Its name: in logs, metrics, /health, the registry and `<NAME>_URL` overrides. Lower-case, `-`. */
  readonly name: string;
  /** The system it belongs to (`documents`, `ticketing`…); `platform` services always run. */
  readonly system: string;
  readonly description: string;
  /**
   * Where the gateway routes to it. Paths under `/internal` are the platform's service-to-service
   * calls (another service reaches them through `urlOf`); the gateway never routes them.
   */
  readonly routes: readonly GatewayRoute[];
  /** Its port in distributed mode (the `PORT` variable overrides it). */
  readonly port: number;
  /** Its own environment variables (the host reads the common ones: see `commonEnvironment`). */
  readonly config?: S;
  /** The ports it needs; the host opens exactly these. */
  readonly needs: readonly N[];
  /**
   * Its SQL migrations (needs `sql`), applied by the host before `build`, idempotently and safely
   * from several processes at once (`migrateSchema` of @eventflow/sql).
   */
  readonly migrations?: (config: ConfigOf<S>) => readonly MigrationSet[];
  /** Services it calls over HTTP; in embedded mode they are started before it. */
  readonly calls?: readonly string[];
  /**
   * The topics it publishes to and the message types it writes on each (default: the topic's type).
   * At start the host registers each type with its topic's JSON Schema in the `schema-registry`
   * service, which must hold it as the topic's `schemaVersion`; the service does not start when a
   * schema is incompatible (409). The host waits for the registry (up to 60 s), not in `calls`: the
   * service opens its ports and builds meanwhile. A platform without the registry skips this.
   */
  readonly publishes?: readonly Publication[];
  /**
   * Its operation log: records go to `logs-<id>` as `service` (default: its name for both). Spec 000
   * names some (`logs-hangfire` as `hangfire-server`).
   */
  readonly operationLog?: { readonly id: string; readonly service: string };
  /** Which requests the host records as operations (default: every non-GET request on its routes). */
  readonly recordRequests?: RequestRecording;
  /** Largest request body, in bytes (default Fastify's 1 MiB). */
  readonly bodyLimit?: number;
  /** The front door: listens on its own port in both modes and routes to the others. One per platform. */
  readonly front?: boolean;
  build(context: ServiceContext<S, N>): ServiceDefinition | Promise<ServiceDefinition>;
}

/** A descriptor with its types kept (config schema, ports) — `export const storage = defineService({...})`. */
export function defineService<const S extends ConfigSchema, const N extends PortName>(
  descriptor: ServiceDescriptor<S, N>,
): ServiceDescriptor<S, N> {
  if (!/^[a-z][a-z0-9-]{0,40}$/.test(descriptor.name)) {
    throw new RangeError(`service name ${JSON.stringify(descriptor.name)}: use lower-case letters, digits and -`);
  }
  registrationsOf(descriptor.name, descriptor.publishes); // a topic without a schema, a type twice: throws here
  for (const route of descriptor.routes) {
    const path = 'prefix' in route ? route.prefix : route.path;
    if (!path.startsWith('/') || (path.length > 1 && path.endsWith('/'))) {
      throw new RangeError(`service ${descriptor.name}: route ${path} must start with / and not end with /`);
    }
    if (/^\/internal(\/|$)/.test(path)) {
      throw new RangeError(
        `service ${descriptor.name}: ${path} is internal (service to service); the gateway never routes it`,
      );
    }
  }
  return descriptor;
}

/** Any descriptor, whatever its config and ports (for platform lists). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list holds descriptors of every config type
export type AnyServiceDescriptor = ServiceDescriptor<any, PortName>;

/** The operation-log topic id and service name of a descriptor. */
export function operationLogOf(descriptor: Pick<ServiceDescriptor, 'name' | 'operationLog'>): {
  readonly id: string;
  readonly service: string;
} {
  return descriptor.operationLog ?? { id: descriptor.name, service: descriptor.name };
}
