import type { Report } from '../report/report.ts';
import { renderReport } from '../render/render-report.ts';
import type { StorageClient } from '../storage/storage-client.ts';

export interface CreatedReport {
  /** What the caller gets: the stored metadata, the generation time and the page count. */
  readonly body: {
    readonly correlationId: string;
    readonly clientId: string;
    readonly fileName: string;
    readonly generatedAt: string;
    readonly size: number;
    readonly sha256: string;
    readonly storedAt: string;
    readonly path: string;
    readonly duplicate: boolean;
    readonly pages: number;
  };
  /** What the operation log and the pino line carry. */
  readonly log: Readonly<Record<string, unknown>>;
}

/** The use case: render the report, then store it synchronously; the answer is what storage kept. */
export async function createReport(report: Report, storage: Pick<StorageClient, 'upload'>): Promise<CreatedReport> {
  const rendered = await renderReport(report);
  const stored = await storage.upload({
    correlationId: report.correlationId,
    clientId: report.clientId,
    fileName: report.fileName,
    generatedAt: report.generatedAt,
    bytes: rendered.bytes,
  });
  const { correlationId, clientId, fileName, size, sha256, storedAt, path, duplicate } = stored;
  return {
    body: {
      correlationId,
      clientId,
      fileName,
      generatedAt: report.generatedAt,
      size,
      sha256,
      storedAt,
      path,
      duplicate,
      pages: rendered.pages,
    },
    log: { pages: rendered.pages, size, sha256, path, duplicate, fileName },
  };
}
