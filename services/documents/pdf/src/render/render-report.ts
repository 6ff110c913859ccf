import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { Report } from '../report/report.ts';
import { numberPages } from './footer.ts';
import { drawHeader } from './header.ts';
import { page } from './layout.ts';
import { drawTable } from './table.ts';
import { pdfSafe } from './text.ts';

export interface RenderedReport {
  readonly bytes: Buffer;
  readonly pages: number;
  /** Hex SHA-256 of the bytes. */
  readonly sha256: string;
}

export const producer = 'EventFlow PDF Server';

/**
 * Renders the report as a PDF: heading, data table (over as many pages as it needs) and page
 * numbers. Deterministic: the document's dates are the report's generation time and its ID is
 * derived from its info (which names the correlation id), so the same report gives the same bytes.
 */
export async function renderReport(report: Report): Promise<RenderedReport> {
  const generatedAt = new Date(report.generatedAt);
  const doc = new PDFDocument({
    size: page.size,
    margin: page.margin,
    bufferPages: true,
    displayTitle: true,
    lang: 'en',
    info: {
      Title: pdfSafe(report.title),
      Author: producer,
      Subject: `Report for client ${report.clientId}`,
      Keywords: `clientId=${report.clientId} correlationId=${report.correlationId}`,
      Creator: producer,
      CreationDate: generatedAt,
      ModDate: generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.once('end', resolve);
    doc.once('error', reject);
  });
  drawTable(doc, report, drawHeader(doc, report));
  numberPages(doc, report);
  const pages = doc.bufferedPageRange().count;
  doc.end();
  await ended;
  const bytes = Buffer.concat(chunks);
  return { bytes, pages, sha256: createHash('sha256').update(bytes).digest('hex') };
}
