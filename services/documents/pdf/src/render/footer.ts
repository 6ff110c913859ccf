import type { Report } from '../report/report.ts';
import { colours, contentWidth, fonts, page } from './layout.ts';
import { fitText } from './text.ts';

/** "Page N of M" on every page, with the correlation id: drawn once all pages exist (buffered). */
export function numberPages(doc: PDFKit.PDFDocument, report: Report): void {
  const { start, count } = doc.bufferedPageRange();
  const y = page.height - page.margin + 10;
  for (let i = 0; i < count; i++) {
    doc.switchToPage(start + i);
    // Text below the bottom margin would make pdfkit start a new page: lift the margin while writing.
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, bottom: 0 };
    doc.font(fonts.regular).fontSize(8).fillColor(colours.muted);
    const label = `Page ${i + 1} of ${count}`;
    const labelWidth = doc.widthOfString(label);
    doc.text(label, page.margin + contentWidth - labelWidth, y, { lineBreak: false });
    const left = fitText(`${report.clientId} · ${report.correlationId}`, contentWidth - labelWidth - 20, (t) =>
      doc.widthOfString(t),
    );
    doc.text(left, page.margin, y, { lineBreak: false });
    doc.page.margins = margins;
  }
}
