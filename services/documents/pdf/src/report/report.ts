import type { ReportRow } from './report-row.ts';
import { sampleRows } from './sample-rows.ts';

export type { ReportRow } from './report-row.ts';

/** What a caller asks for; everything but the client is optional. */
export interface ReportRequest {
  readonly clientId: string;
  readonly correlationId?: string;
  readonly title?: string;
  readonly rows?: readonly ReportRow[];
  readonly fileName?: string;
  /** ISO-8601 with a zone; the job server passes its own so that a retried job renders the same bytes. */
  readonly generatedAt?: string;
}

/** A report with every default filled in: all that rendering needs, and all that decides its bytes. */
export interface Report {
  readonly correlationId: string;
  readonly clientId: string;
  readonly title: string;
  readonly rows: readonly ReportRow[];
  readonly fileName: string;
  /** ISO-8601 UTC with milliseconds (`2025-09-10T08:30:00.000Z`). */
  readonly generatedAt: string;
}

export const defaultTitle = 'Client report';

/**
 * Fills in the defaults: the title, sample rows derived from the client id, a file name from the
 * client and the date, and `now` as the generation time. Pure: same request and now, same report.
 */
export function reportOf(request: ReportRequest, correlationId: string, now: () => Date): Report {
  const generatedAt = new Date(request.generatedAt ?? now()).toISOString();
  return {
    correlationId,
    clientId: request.clientId,
    title: request.title ?? defaultTitle,
    rows: request.rows ?? sampleRows(request.clientId),
    fileName: request.fileName ?? `report-${request.clientId}-${generatedAt.slice(0, 10)}.pdf`,
    generatedAt,
  };
}
