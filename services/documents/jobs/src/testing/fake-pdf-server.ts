import { createHash } from 'node:crypto';
import { correlationHeader } from '@eventflow/correlation';
import Fastify from 'fastify';
import type { PdfReportRequest, StoredReport } from '../pdf/pdf-client.ts';

/** One call the fake PDF server received. */
export interface PdfCall {
  readonly body: PdfReportRequest;
  /** The X-Correlation-Id header it came with. */
  readonly correlationHeader: string | undefined;
  readonly at: Date;
}

export interface FakePdfServer {
  readonly url: string;
  readonly calls: PdfCall[];
  /** The next `count` calls answer `status` (default 503) with a problem; then calls succeed again. */
  failNext(count: number, status?: number): void;
  /** Every call answers `status` until `succeed()`. */
  failAlways(status?: number): void;
  succeed(): void;
  /** Calls from now on wait, unanswered, until `release()` (or the caller gives up). */
  hold(): void;
  /** Answers the calls held, and those after. */
  release(): void;
  /** Calls waiting unanswered. */
  readonly held: number;
  callsFor(correlationId: string): PdfCall[];
  close(): Promise<void>;
}

/**
 * A stand-in for the PDF server on 127.0.0.1 (a real HTTP server, so the job server's client is
 * exercised): `POST /api/pdf/reports` records the call and answers 201 with stored-file metadata
 * that depends only on the input, as the real one does.
 */
export async function startFakePdfServer(): Promise<FakePdfServer> {
  const calls: PdfCall[] = [];
  let failures = 0;
  let failStatus = 503;
  let always = false;
  let holding: { promise: Promise<void>; resolve: () => void } | undefined;
  let held = 0;
  const app = Fastify();
  app.post<{ Body: PdfReportRequest }>('/api/pdf/reports', async (request, reply) => {
    const header = request.headers[correlationHeader];
    calls.push({
      body: request.body,
      correlationHeader: typeof header === 'string' ? header : undefined,
      at: new Date(),
    });
    if (holding !== undefined) {
      held += 1;
      await holding.promise.finally(() => (held -= 1));
    }
    if (always || failures > 0) {
      failures = Math.max(0, failures - 1);
      return reply
        .code(failStatus)
        .type('application/problem+json')
        .send({ status: failStatus, code: 'FAKE.FAILURE', title: 'Failing on purpose', detail: 'fake failure' });
    }
    return reply.code(201).send(storedReport(request.body));
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    calls,
    get held() {
      return held;
    },
    hold() {
      holding ??= Promise.withResolvers<void>();
    },
    release() {
      holding?.resolve();
      holding = undefined;
    },
    failNext(count, status = 503) {
      failures = count;
      failStatus = status;
    },
    failAlways(status = 503) {
      always = true;
      failStatus = status;
    },
    succeed() {
      always = false;
      failures = 0;
    },
    callsFor: (correlationId) => calls.filter((call) => call.body.correlationId === correlationId),
    close: () => {
      holding?.resolve();
      return app.close();
    },
  };
}

function storedReport(body: PdfReportRequest): StoredReport {
  const fileName = body.fileName ?? `report-${body.clientId}.pdf`;
  const bytes = JSON.stringify(body);
  return {
    correlationId: body.correlationId,
    clientId: body.clientId,
    fileName,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    storedAt: body.generatedAt,
    path: `${body.generatedAt.slice(0, 10)}/${body.correlationId}.pdf`,
    duplicate: false,
  };
}
