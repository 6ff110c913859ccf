import { correlationHeader } from '@eventflow/correlation';
import { HttpOperations, type OperationDetails, type OperationLog } from '@eventflow/oplog';
import { ServiceError, type ServiceApp } from '@eventflow/service';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pdfErrors } from '../errors.ts';
import { reportOf, type Report, type ReportRequest } from '../report/report.ts';
import { createReport } from '../service/create-report.ts';
import type { StorageClient } from '../storage/storage-client.ts';
import { reportSchema, safeIdPattern } from './schemas.ts';

export interface ReportRouteOptions {
  readonly storage: StorageClient;
  readonly log: OperationLog | undefined;
  readonly now: () => Date;
}

const safeId = new RegExp(safeIdPattern, 'u');

/**
 * POST /api/pdf/reports: renders the report and stores it on the storage server before answering
 * (201 stored, 200 already stored with the same bytes), or says why it could not.
 */
export function reportRoute(options: ReportRouteOptions) {
  return (app: FastifyInstance): void => {
    // One record per report request (operation "render", on logs-pdf): the document's correlation id
    // and file name, and a payload with the client, the rows, the size and checksum, and what storage answered.
    const reportLog = new HttpOperations(options.log);
    // The breaker's state, retries and rejections in this app's /metrics.
    const metrics = (app as Partial<ServiceApp>).metrics;
    const observing = metrics === undefined ? undefined : options.storage.observe(metrics);
    app.addHook('onClose', (_instance, done) => {
      observing?.dispose();
      done();
    });

    app.post(
      '/api/pdf/reports',
      { schema: reportSchema, ...reportLog.hooks({ operation: 'render', describe: describeAsked }) },
      async (request, reply) => {
        const report = reportOf(request.body as ReportRequest, documentCorrelationId(request, reply), options.now);
        reportLog.note(request, { correlationId: report.correlationId, fileName: report.fileName });
        try {
          const result = await createReport(report, options.storage);
          reportLog.note(request, { payload: { ...describe(report), ...result.log } });
          request.log.info(
            { operation: 'render', ...result.log, correlationId: report.correlationId },
            'report stored',
          );
          return await reply.code(result.body.duplicate ? 200 : 201).send(result.body);
        } catch (error) {
          reportLog.note(request, { payload: describe(report) });
          throw withRetryAfter(error, reply);
        }
      },
    );
  };
}

/** What the body asks, as far as it says it (a refused request may not). */
function describeAsked(request: FastifyRequest): OperationDetails {
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
    string,
    unknown
  >;
  const asked = (key: string) => (typeof body[key] === 'string' ? body[key] : undefined);
  return {
    correlationId: asked('correlationId'),
    fileName: asked('fileName'),
    payload: { clientId: asked('clientId') },
  };
}

/** The body's correlation id, else the request's, which must then be fit to name a stored file. */
function documentCorrelationId(request: FastifyRequest, reply: FastifyReply): string {
  const given = (request.body as ReportRequest).correlationId;
  if (given !== undefined) return given;
  const current = String(reply.getHeader(correlationHeader) ?? '');
  if (!safeId.test(current)) throw pdfErrors.invalidCorrelationId(current);
  return current;
}

function describe(report: Report): Record<string, unknown> {
  return { clientId: report.clientId, title: report.title, rows: report.rows.length, generatedAt: report.generatedAt };
}

/** A 503 tells the caller when to come back. */
function withRetryAfter(error: unknown, reply: FastifyReply): unknown {
  const seconds = error instanceof ServiceError ? error.extra['retryAfterSeconds'] : undefined;
  if (typeof seconds === 'number') void reply.header('retry-after', String(seconds));
  return error;
}
