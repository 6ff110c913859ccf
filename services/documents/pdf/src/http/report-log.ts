import type { OperationLog } from '@eventflow/oplog';
import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';

/** What the handler learnt about the report, for its operation record. */
export interface ReportNote {
  readonly correlationId?: string;
  readonly fileName?: string;
  readonly payload?: Readonly<Record<string, unknown>>;
}

type Hooks = Pick<RouteShorthandOptions, 'onSend' | 'onResponse'>;

/**
 * One operation record per report request (operation "render", on logs-pdf): the document's
 * correlation id and file name, success, status, duration, the error code of a failure, and a
 * payload with the client, the rows, the size and checksum, and what storage answered.
 */
export class ReportLog {
  readonly #log: OperationLog | undefined;
  readonly #notes = new WeakMap<FastifyRequest, ReportNote & { error?: string }>();

  constructor(log: OperationLog | undefined) {
    this.#log = log;
  }

  note(request: FastifyRequest, note: ReportNote): void {
    const previous = this.#notes.get(request);
    this.#notes.set(request, { ...previous, ...note, payload: { ...previous?.payload, ...note.payload } });
  }

  readonly hooks: Hooks = {
    // The code of the problem the caller got (validation included), as the record's error.
    onSend: (request, reply, payload, done) => {
      if (reply.statusCode >= 400 && typeof payload === 'string') {
        const error = problemCode(payload);
        if (error !== undefined) this.#notes.set(request, { ...this.#notes.get(request), error });
      }
      done(null, payload);
    },
    onResponse: (request, reply, done) => {
      this.#record(request, reply);
      done();
    },
  };

  #record(request: FastifyRequest, reply: FastifyReply): void {
    const note = this.#notes.get(request) ?? {};
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
      string,
      unknown
    >;
    const asked = (key: string) => (typeof body[key] === 'string' ? body[key] : undefined);
    const correlationId = note.correlationId ?? asked('correlationId');
    const fileName = note.fileName ?? asked('fileName');
    const success = reply.statusCode < 400;
    this.#log?.record({
      endpoint: `${request.method} ${request.routeOptions.url ?? request.url}`,
      operation: 'render',
      success,
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      payload: { clientId: asked('clientId'), ...note.payload },
      ...(correlationId === undefined ? {} : { correlationId }),
      ...(fileName === undefined ? {} : { fileName: fileName.slice(0, 255) }),
      ...(success || note.error === undefined ? {} : { error: note.error }),
    });
  }
}

function problemCode(payload: string): string | undefined {
  try {
    const code = (JSON.parse(payload) as { code?: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
