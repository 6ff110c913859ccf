import type { OperationLog } from '@eventflow/oplog';
import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { Readable } from 'node:stream';

export type StorageOperation = 'upload' | 'download' | 'metadata';

/** What a request tells about its operation: the document's correlation id, its name, more. */
export interface OperationDetails {
  readonly correlationId?: string | undefined;
  readonly fileName?: string | undefined;
  readonly payload?: Readonly<Record<string, unknown>>;
}

interface Outcome {
  readonly success: boolean;
  readonly statusCode?: number;
  readonly error?: string | undefined;
}

interface Pending {
  readonly operation: StorageOperation;
  readonly describe: (request: FastifyRequest) => OperationDetails;
  details: OperationDetails;
  errorCode?: string;
  byStream: boolean;
  done: boolean;
}

type Hooks = Pick<RouteShorthandOptions, 'onRequest' | 'onError' | 'onResponse' | 'onRequestAbort'>;

/**
 * Records each upload, download and metadata read once: as a pino line (correlation id, file name,
 * time) and, given an OperationLog, as an operation record on `logs-storage`. A request's record
 * is taken when its response is done; a streamed download's when its stream ends or fails.
 */
export class OperationRecorder {
  readonly #log: OperationLog | undefined;
  readonly #now: () => Date;
  readonly #pending = new WeakMap<FastifyRequest, Pending>();

  constructor(options: { readonly log?: OperationLog | undefined; readonly now?: () => Date }) {
    this.#log = options.log;
    this.#now = options.now ?? (() => new Date());
  }

  /** Route hooks for one kind of operation; `describe` reads what the request says (notes win). */
  hooks(operation: StorageOperation, describe: (request: FastifyRequest) => OperationDetails): Hooks {
    return {
      onRequest: (request, _reply, done) => {
        this.#pending.set(request, { operation, describe, details: {}, byStream: false, done: false });
        done();
      },
      onError: (request, _reply, error, done) => {
        const pending = this.#pending.get(request);
        if (pending !== undefined) pending.errorCode = errorCode(error);
        done();
      },
      onResponse: (request, reply, done) => {
        const pending = this.#pending.get(request);
        if (pending !== undefined && !pending.byStream) {
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

  /** Adds to what will be recorded for `request` (later details win). */
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
    const error = outcome.success ? undefined : (outcome.error ?? pending.errorCode);
    const described = pending.describe(request);
    const { correlationId, fileName } = { ...described, ...pending.details };
    const payload = { ...described.payload, ...pending.details.payload };
    const requestCorrelationId = reply?.getHeader('x-correlation-id');
    const line = {
      operation: pending.operation,
      ...(correlationId === undefined ? {} : { correlationId }),
      ...(requestCorrelationId === correlationId ? {} : { requestCorrelationId }),
      fileName,
      success: outcome.success,
      statusCode: outcome.statusCode,
      error,
      at: this.#now().toISOString(),
      ...payload,
    };
    request.log[outcome.success ? 'info' : 'warn'](
      line,
      `storage ${pending.operation} ${outcome.success ? 'done' : 'failed'}`,
    );
    this.#log?.record({
      endpoint: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0] ?? ''}`,
      operation: pending.operation,
      success: outcome.success,
      payload,
      ...defined({ correlationId, fileName, error, statusCode: outcome.statusCode }),
      ...(reply === undefined ? {} : { durationMs: Math.round(reply.elapsedTime * 100) / 100 }),
    });
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
