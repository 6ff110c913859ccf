import { correlationHeader } from '@eventflow/correlation';
import { httpClient, type HttpClient } from '@eventflow/service';
import type { ReportRow } from '../queue/report-job.ts';

/** What the PDF server is asked to render and store. */
export interface PdfReportRequest {
  readonly clientId: string;
  readonly correlationId: string;
  readonly generatedAt: string;
  readonly title?: string;
  readonly rows?: readonly ReportRow[];
  readonly fileName?: string;
}

/** The stored file's metadata, as the PDF server answers (the storage server's). */
export interface StoredReport {
  readonly correlationId: string;
  readonly clientId: string;
  readonly fileName: string;
  readonly size: number;
  readonly sha256: string;
  readonly storedAt: string;
  readonly path: string;
  readonly duplicate: boolean;
}

/** The PDF server, as the worker uses it. */
export interface PdfClient {
  generateReport(request: PdfReportRequest): Promise<StoredReport>;
}

/**
 * Why a call failed. `retryable` is false for answers a retry cannot change (4xx but 408 and 429):
 * the platform's permanent-error marker (`isPermanent` of @eventflow/bus), so such a job fails at
 * once instead of using up its retries.
 */
export class PdfCallError extends Error {
  readonly status: number | undefined;
  readonly code: string;
  readonly retryable: boolean;

  constructor(message: string, details: { status?: number; code: string; retryable: boolean }) {
    super(message);
    this.name = 'PdfCallError';
    this.status = details.status;
    this.code = details.code;
    this.retryable = details.retryable;
  }
}

export interface HttpPdfClientOptions {
  /** The PDF server's base URL, e.g. http://127.0.0.1:8102. */
  readonly url: string;
  /** Time limit of one call (default 30 s). */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** `POST /api/pdf/reports` through the kit's client, which forwards the current X-Correlation-Id. */
export class HttpPdfClient implements PdfClient {
  readonly #endpoint: URL;
  readonly #http: HttpClient;

  constructor(options: HttpPdfClientOptions) {
    this.#endpoint = new URL('/api/pdf/reports', options.url);
    this.#http = httpClient({
      timeoutMs: options.timeoutMs ?? 30_000,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
  }

  async generateReport(request: PdfReportRequest): Promise<StoredReport> {
    let response: Response;
    try {
      response = await this.#http(this.#endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [correlationHeader]: request.correlationId },
        body: JSON.stringify(request),
      });
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new PdfCallError(`PDF server unreachable: ${reason}`, { code: 'PDF.UNREACHABLE', retryable: true });
    }
    if (response.ok) return (await response.json()) as StoredReport;
    throw await callError(response);
  }
}

async function callError(response: Response): Promise<PdfCallError> {
  const text = await response.text().catch(() => '');
  let code = `HTTP_${response.status}`;
  let detail = text.slice(0, 500);
  try {
    const problem = JSON.parse(text) as { code?: unknown; detail?: unknown };
    if (typeof problem.code === 'string') code = problem.code;
    if (typeof problem.detail === 'string') detail = problem.detail;
  } catch {
    // not problem+json: keep the text
  }
  const status = response.status;
  const retryable = status >= 500 || status === 408 || status === 429;
  return new PdfCallError(`PDF server answered ${status} ${code}${detail ? `: ${detail}` : ''}`, {
    status,
    code,
    retryable,
  });
}
