import type { Readable } from 'node:stream';
import { correlationIdFrom } from '@eventflow/correlation';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestAbortHookHandler,
  onRequestHookHandler,
  onResponseHookHandler,
  onSendAsyncHookHandler,
} from 'fastify';
import type { OperationEntry, OperationLog } from './shipper.ts';

/** What a request tells about its operation: the document's correlation id, its file name, a payload. */
export interface OperationDetails {
  readonly correlationId?: string | undefined;
  readonly fileName?: string | undefined;
  readonly payload?: Readonly<Record<string, unknown>>;
}

/** How the requests of one route (or of a whole app) become operation records. */
export interface HttpOperation {
  /** Which requests are operations worth a record. Default: every one. */
  readonly include?: (request: FastifyRequest) => boolean;
  /** The record's `operation` (`upload`, `render`). Default: none, the endpoint names it. */
  readonly operation?: string;
  /**
   * What the request says before it is answered; the handler's `note`s win over it. Default: the
   * parsed body (or the params and query) as payload. A record without a correlation id of its own
   * takes the request's (its `X-Correlation-Id`).
   */
  readonly describe?: (request: FastifyRequest) => OperationDetails;
}

/** A record as it was taken, with the request's own correlation id beside the document's. */
export interface RecordedOperation extends OperationEntry {
  readonly requestCorrelationId: string | undefined;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface HttpOperationsOptions {
  /** Called with each record as it is taken (for instance, to write it as a log line too). */
  readonly onRecord?: (request: FastifyRequest, recorded: RecordedOperation) => void;
}

/** Hooks to spread into a route's options, or to add to an app with `addHook`. */
export interface OperationHooks {
  readonly onRequest: onRequestHookHandler;
  readonly onSend: onSendAsyncHookHandler;
  readonly onResponse: onResponseHookHandler;
  readonly onRequestAbort: onRequestAbortHookHandler;
}

interface Outcome {
  readonly success: boolean;
  readonly statusCode?: number;
  readonly error?: string;
}

interface Pending {
  readonly route: HttpOperation;
  details: OperationDetails;
  problem?: string | undefined;
  byStream: boolean;
  done: boolean;
}

/**
 * One operation record per HTTP request, taken once its answer is done: the endpoint (the route),
 * success below status 400, the status, the duration, the code of the problem the caller got (or
 * why a streamed body or the request was cut short), the correlation id, the file name and a payload.
 * The record is taken off the hot path and never fails the request (see OperationLog).
 */
export class HttpOperations {
  readonly #log: OperationLog | undefined;
  readonly #options: HttpOperationsOptions;
  readonly #pending = new WeakMap<FastifyRequest, Pending>();

  constructor(log: OperationLog | undefined, options: HttpOperationsOptions = {}) {
    this.#log = log;
    this.#options = options;
  }

  /** The hooks that record the requests of `route` (a route's options, or an app's hooks). */
  hooks(route: HttpOperation = {}): OperationHooks {
    return {
      onRequest: (request, _reply, done) => {
        if (route.include?.(request) ?? true) {
          this.#pending.set(request, { route, details: {}, byStream: false, done: false });
        }
        done();
      },
      // The code of the problem the caller got (validation included), as the record's error.
      // Taken here, before the answer leaves, unless a stream settles it: a request that may have changed
      // something answers only once its record is spooled (when the log has a spool), so a crash after
      // the answer cannot lose the record of a change the caller was told about.
      onSend: async (request, reply, payload) => {
        const pending = this.#pending.get(request);
        if (pending === undefined) return payload;
        if (reply.statusCode >= 400) pending.problem = problemCode(payload);
        if (!pending.byStream) {
          this.#finish(request, reply, { success: reply.statusCode < 400, statusCode: reply.statusCode });
          if (request.method !== 'GET' && request.method !== 'HEAD') await this.#log?.persisted();
        }
        return payload;
      },
      onResponse: (request, reply, done) => {
        if (this.#pending.get(request)?.byStream === false) {
          this.#finish(request, reply, { success: reply.statusCode < 400, statusCode: reply.statusCode });
        }
        done();
      },
      onRequestAbort: (request, done) => {
        this.#finish(request, undefined, { success: false, error: 'client aborted the request' });
        done();
      },
    };
  }

  /** Adds to what will be recorded for `request` (later details win; payloads merge). */
  note(request: FastifyRequest, details: OperationDetails): void {
    const pending = this.#pending.get(request);
    if (pending === undefined) return;
    const payload = { ...pending.details.payload, ...details.payload };
    pending.details = { ...pending.details, ...defined(details), payload };
  }

  /** The response body is `stream`: the operation succeeds only if the stream reaches its end. */
  settleWithStream(request: FastifyRequest, reply: FastifyReply, stream: Readable): void {
    const pending = this.#pending.get(request);
    if (pending === undefined) return;
    pending.byStream = true;
    stream.once('end', () => this.#finish(request, reply, { success: true, statusCode: reply.statusCode }));
    stream.once('error', (error) => this.#finish(request, reply, { success: false, error: errorCode(error) }));
    stream.once('close', () => this.#finish(request, reply, { success: false, error: 'response cut short' }));
  }

  #finish(request: FastifyRequest, reply: FastifyReply | undefined, outcome: Outcome): void {
    const pending = this.#pending.get(request);
    if (pending === undefined || pending.done) return;
    pending.done = true;
    const described = (pending.route.describe ?? describeBody)(request);
    const { correlationId, fileName } = { ...described, ...pending.details };
    const requestCorrelationId = reply === undefined ? undefined : correlationIdFrom(reply.getHeaders());
    const error = outcome.success ? undefined : (outcome.error ?? pending.problem);
    const noted = pending.details.payload;
    const entry = {
      endpoint: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0] ?? ''}`,
      success: outcome.success,
      payload: noted === undefined ? (described.payload ?? {}) : { ...described.payload, ...noted },
      ...defined({
        operation: pending.route.operation,
        correlationId: correlationId ?? requestCorrelationId,
        fileName: fileName?.slice(0, 255),
        statusCode: outcome.statusCode,
        durationMs: reply === undefined ? undefined : Math.round(reply.elapsedTime * 100) / 100,
        error,
      }),
    };
    this.#options.onRecord?.(request, { ...entry, requestCorrelationId });
    this.#log?.record(entry);
  }
}

/** Options of `logHttpOperations`: which requests of the app are operations. */
export interface HttpOperationLoggingOptions {
  /** Default: paths under /api/. */
  readonly include?: (request: FastifyRequest) => boolean;
}

/**
 * Records one operation per HTTP request the app (or plugin scope) answers, by HttpOperations: the
 * route as endpoint, the body (or params and query) as payload, success when the status is below 400.
 */
export function logHttpOperations(
  app: FastifyInstance,
  log: OperationLog,
  options: HttpOperationLoggingOptions = {},
): HttpOperations {
  const operations = new HttpOperations(log);
  const hooks = operations.hooks({ include: options.include ?? ((request) => request.url.startsWith('/api/')) });
  app.addHook('onRequest', hooks.onRequest);
  app.addHook('onSend', hooks.onSend);
  app.addHook('onResponse', hooks.onResponse);
  app.addHook('onRequestAbort', hooks.onRequestAbort);
  return operations;
}

function describeBody(request: FastifyRequest): OperationDetails {
  const body = request.body;
  return { payload: isPlainBody(body) ? body : { params: request.params, query: request.query } };
}

/** A parsed JSON body; not a Buffer or a stream (a proxy passes bodies through unparsed). */
function isPlainBody(body: unknown): body is Record<string, unknown> {
  if (body === undefined || body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return false;
  return typeof (body as { pipe?: unknown }).pipe !== 'function';
}

/** The `code` of a problem+json body, if the payload is one. */
function problemCode(payload: unknown): string | undefined {
  if (typeof payload !== 'string') return undefined;
  try {
    const code = (JSON.parse(payload) as { code?: unknown } | null)?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'unknown error';
}

function defined<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
