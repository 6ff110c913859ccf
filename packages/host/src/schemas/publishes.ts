import { randomUUID } from 'node:crypto';
import type { Topic } from '@eventflow/bus';

/** The platform's schema registry service (services/schema-registry), where the host registers `publishes`. */
export const schemaRegistryName = 'schema-registry';

/** A topic a service publishes to, and the message types it writes there (default: the topic's own type). */
export interface Publication {
  readonly topic: Topic<unknown>;
  readonly types?: readonly string[];
}

/** One message type as the host registers it: the topic's JSON Schema, expected at the topic's schemaVersion. */
export interface SchemaRegistration {
  readonly type: string;
  readonly topic: string;
  readonly schemaVersion: number;
  readonly schema: object;
}

/** What the registry answered for one type. */
export interface RegisteredType {
  readonly type: string;
  readonly version: number;
  /** false: the same schema was already registered (the registry dedupes by fingerprint). */
  readonly created: boolean;
}

/** Why a service's schemas could not be registered: it does not start. */
export class SchemaRegistrationError extends Error {
  override readonly name = 'SchemaRegistrationError';
}

/** Each (type, topic schema, schemaVersion) a service publishes; throws on a topic without a schema or a type twice. */
export function registrationsOf(service: string, publishes: readonly Publication[] = []): SchemaRegistration[] {
  const byType = new Map<string, SchemaRegistration>();
  for (const { topic, types } of publishes) {
    if (topic.schema === undefined) {
      throw new RangeError(
        `service ${service} publishes ${topic.name}, a topic without a JSON Schema (use defineTopic)`,
      );
    }
    for (const type of types ?? [topic.type]) {
      if (typeof type !== 'string' || type === '' || type.length > 255) {
        throw new RangeError(`service ${service}: illegal message type ${JSON.stringify(type)} on ${topic.name}`);
      }
      const seen = byType.get(type);
      if (seen !== undefined) {
        throw new RangeError(`service ${service} publishes ${type} on both ${seen.topic} and ${topic.name}`);
      }
      byType.set(type, { type, topic: topic.name, schemaVersion: topic.schemaVersion, schema: topic.schema });
    }
  }
  return [...byType.values()];
}

export interface RegisterSchemasOptions {
  /** The service whose schemas these are (for messages and the requests' correlation id). */
  readonly service: string;
  /** The registry service's base URL; may throw while it is not known yet (embedded: not listening). */
  readonly url: () => string;
  /** How long to keep trying while the registry does not answer (default 60 s). */
  readonly timeoutMs?: number;
  /** Each request's own time limit (default 5 s). */
  readonly requestTimeoutMs?: number;
  /** Stops trying (the service's start failed elsewhere). */
  readonly signal?: AbortSignal;
}

/**
 * Registers each type's schema in the schema registry service (`POST /api/schemas/subjects/{type}/versions`):
 * the first alone, then the others side by side. Idempotent: the registry answers the existing version
 * of a schema it already holds. While the registry is not up, each registration is tried again until
 * `timeoutMs`: every 25 ms while its address is not known (embedded: it is not listening yet), backing
 * off from 25 ms to 250 ms while it refuses connections or answers 5xx, 429 or 408. Fails, naming the
 * service, the type and its topic: an incompatible schema (409, with the registry's reasons), a schema
 * the registry refuses (another 4xx), a version other than the topic's `schemaVersion`, or no answer
 * in time.
 */
export async function registerSchemas(
  registrations: readonly SchemaRegistration[],
  options: RegisterSchemasOptions,
): Promise<RegisteredType[]> {
  if (registrations.length === 0) return [];
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  // One fatal answer stops the other registrations' retries.
  const stop = new AbortController();
  const signal = options.signal === undefined ? stop.signal : AbortSignal.any([stop.signal, options.signal]);
  const correlationId = `${options.service}-schemas-${randomUUID()}`;
  const attempt = { ...options, timeoutMs, deadline, signal, correlationId };
  const one = (registration: SchemaRegistration) =>
    registerOne(registration, attempt).catch((error: unknown) => {
      stop.abort(error);
      throw error;
    });
  try {
    // The first alone (it waits for the registry to be up: one poller per service), then the rest side by side.
    const [first, ...rest] = registrations as [SchemaRegistration, ...SchemaRegistration[]];
    const registered = await one(first);
    return [registered, ...(await Promise.all(rest.map(one)))];
  } finally {
    stop.abort();
  }
}

interface Attempt extends RegisterSchemasOptions {
  readonly timeoutMs: number;
  readonly deadline: number;
  readonly signal: AbortSignal;
  readonly correlationId: string;
}

/** Statuses that mean "not up yet" (or overloaded): try again. */
const transient = (status: number) => status >= 500 || status === 429 || status === 408;

async function registerOne(registration: SchemaRegistration, attempt: Attempt): Promise<RegisteredType> {
  const { type, topic, schemaVersion } = registration;
  const what = `service ${attempt.service}: ${type} (on ${topic}, schemaVersion ${schemaVersion})`;
  let delay = 25;
  let last = 'not tried';
  for (;;) {
    if (attempt.signal.aborted) throw new SchemaRegistrationError(`${what}: registration stopped (${last})`);
    let url: string | undefined;
    try {
      url = attempt.url();
      const response = await fetch(`${url}/api/schemas/subjects/${encodeURIComponent(type)}/versions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-correlation-id': attempt.correlationId },
        body: JSON.stringify({ schema: registration.schema }),
        signal: AbortSignal.any([attempt.signal, AbortSignal.timeout(attempt.requestTimeoutMs ?? 5_000)]),
      });
      const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (response.ok) {
        const version = body['version'];
        if (typeof version !== 'number') {
          throw new SchemaRegistrationError(
            `${what}: ${url} answered ${response.status} without a version: is it the schema registry?`,
          );
        }
        if (version !== schemaVersion) {
          throw new SchemaRegistrationError(
            `${what}: the schema registry holds this schema as version ${version}, not ${schemaVersion}: ` +
              (version > schemaVersion
                ? `its version ${schemaVersion} is another schema. A changed schema is a new version: raise the topic's schemaVersion to ${version}`
                : `it numbers versions 1, 2… as they are registered; set the topic's schemaVersion to ${version}, or register the earlier versions first`),
          );
        }
        return { type, version, created: body['created'] === true };
      }
      const detail = typeof body['detail'] === 'string' ? body['detail'] : `HTTP ${response.status}`;
      if (response.status === 409) {
        throw new SchemaRegistrationError(
          `${what} is incompatible with the versions the schema registry holds, so the service does not start: ${detail}. ` +
            'Make the change compatible, or publish it as a new message type',
        );
      }
      if (!transient(response.status)) {
        throw new SchemaRegistrationError(
          `${what}: the schema registry at ${url} refused it (${response.status}): ${detail}`,
        );
      }
      last = `${url} answered ${response.status}: ${detail}`;
    } catch (error) {
      if (error instanceof SchemaRegistrationError) throw error;
      if (attempt.signal.aborted) throw new SchemaRegistrationError(`${what}: registration stopped (${last})`);
      last = url === undefined ? describe(error) : `${url}: ${describe(error)}`;
    }
    if (Date.now() + delay > attempt.deadline) {
      throw new SchemaRegistrationError(
        `${what}: the schema registry did not answer within ${attempt.timeoutMs / 1000} s (last: ${last}); ` +
          `is the ${schemaRegistryName} service running?`,
      );
    }
    await sleep(delay, attempt.signal);
    // Not listening yet (embedded: the registry's own start) costs nothing to ask again: no backing off.
    delay = url === undefined ? 25 : Math.min(delay * 2, 250);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const code = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : undefined;
  return code === undefined ? error.message : `${error.message} (${code})`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
