import type { Report, ReportRow } from '../report/report.ts';
import { drawContinuation } from './header.ts';
import { colours, contentWidth, fonts, page, table } from './layout.ts';
import { fitText, formatAmount, pdfSafe, totalOf } from './text.ts';

interface Cells {
  readonly number: string;
  readonly label: string;
  readonly value: string;
}

type RowStyle = 'header' | 'body' | 'stripe' | 'total';

const labelWidth = contentWidth - table.numberWidth - table.valueWidth;

/**
 * The data table from `top` on: a header row on every page it spans, one row per data row (striped),
 * and a totals row. A row that would run into the footer goes to a new page.
 */
export function drawTable(doc: PDFKit.PDFDocument, report: Report, top: number): void {
  let y = drawRow(doc, top, { number: '#', label: 'Label', value: 'Value' }, 'header');
  const fits = () => y + table.rowHeight <= table.bottom;
  const nextPage = () => {
    doc.addPage();
    y = drawRow(doc, drawContinuation(doc, report), { number: '#', label: 'Label', value: 'Value' }, 'header');
  };
  report.rows.forEach((row: ReportRow, index) => {
    if (!fits()) nextPage();
    const cells = { number: String(index + 1), label: pdfSafe(row.label), value: formatAmount(row.value) };
    y = drawRow(doc, y, cells, index % 2 === 1 ? 'stripe' : 'body');
  });
  if (!fits()) nextPage();
  const total = formatAmount(totalOf(report.rows.map((row) => row.value)));
  const count = report.rows.length;
  drawRow(doc, y, { number: '', label: `Total (${count} ${count === 1 ? 'row' : 'rows'})`, value: total }, 'total');
}

/** One row at `y`; returns the y of the next. */
function drawRow(doc: PDFKit.PDFDocument, y: number, cells: Cells, style: RowStyle): number {
  const left = page.margin;
  const fill =
    style === 'header' || style === 'total' ? colours.headerFill : style === 'stripe' ? colours.stripeFill : undefined;
  if (fill !== undefined) doc.rect(left, y, contentWidth, table.rowHeight).fillColor(fill).fill();
  if (style === 'total') {
    doc
      .moveTo(left, y)
      .lineTo(left + contentWidth, y)
      .lineWidth(1)
      .strokeColor(colours.text)
      .stroke();
  }
  doc.font(style === 'body' || style === 'stripe' ? fonts.regular : fonts.bold).fontSize(table.fontSize);
  doc.fillColor(colours.text);
  const textY = y + (table.rowHeight - table.fontSize) / 2 + 1;
  const pad = table.padding;
  const measure = (text: string) => doc.widthOfString(text);
  doc.text(cells.number, left + pad, textY, { lineBreak: false });
  doc.text(fitText(cells.label, labelWidth - 2 * pad, measure), left + table.numberWidth + pad, textY, {
    lineBreak: false,
  });
  const value = fitText(cells.value, table.valueWidth - 2 * pad, measure);
  doc.text(value, left + contentWidth - pad - measure(value), textY, { lineBreak: false });
  return y + table.rowHeight;
}
