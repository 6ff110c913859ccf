import type { Report } from '../report/report.ts';
import { colours, contentWidth, fonts, page } from './layout.ts';
import { fitText, pdfSafe } from './text.ts';

/** The first page's heading: title, then who, when and which correlation. Returns where it ends. */
export function drawHeader(doc: PDFKit.PDFDocument, report: Report): number {
  const left = page.margin;
  doc.font(fonts.bold).fontSize(20).fillColor(colours.text);
  const title = fitText(pdfSafe(report.title), contentWidth, (text) => doc.widthOfString(text));
  doc.text(title, left, page.margin, { lineBreak: false });
  let y = page.margin + 34;
  const facts: Array<readonly [string, string]> = [
    ['Client', report.clientId],
    ['Generated', report.generatedAt],
    ['Correlation ID', report.correlationId],
    ['Rows', String(report.rows.length)],
  ];
  doc.fontSize(10);
  for (const [name, value] of facts) {
    doc.font(fonts.bold).fillColor(colours.muted).text(`${name}:`, left, y, { lineBreak: false });
    doc
      .font(fonts.regular)
      .fillColor(colours.text)
      .text(value, left + 90, y, { lineBreak: false });
    y += 15;
  }
  y += 8;
  doc
    .moveTo(left, y)
    .lineTo(left + contentWidth, y)
    .lineWidth(0.75)
    .strokeColor(colours.rule)
    .stroke();
  return y + 14;
}

/** The heading of a page the table continued onto. Returns where it ends. */
export function drawContinuation(doc: PDFKit.PDFDocument, report: Report): number {
  doc.font(fonts.regular).fontSize(9).fillColor(colours.muted);
  const text = fitText(`${pdfSafe(report.title)} (continued)`, contentWidth, (t) => doc.widthOfString(t));
  doc.text(text, page.margin, page.margin, { lineBreak: false });
  return page.margin + 20;
}
