import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { reportOf, type ReportRequest } from '../report/report.ts';
import { readPdf } from '../testing/pdf-text.ts';
import { renderReport } from './render-report.ts';

const now = () => new Date('2025-09-10T08:30:00Z');

function report(request: Partial<ReportRequest> = {}, correlationId = 'corr-1') {
  return reportOf({ clientId: 'client-7', title: 'Quarterly sales', ...request }, correlationId, now);
}

function manyRows(count: number) {
  return Array.from({ length: count }, (_, i) => ({ label: `Item ${i + 1}`, value: (i + 1) * 10.5 }));
}

describe('renderReport', () => {
  test('a well-formed PDF with the title, client, date, correlation id, table and page numbers', async () => {
    const rows = [
      { label: 'Widgets', value: 1234.5 },
      { label: 'Gadgets', value: 99.99 },
    ];
    const rendered = await renderReport(report({ rows }));
    const { bytes } = rendered;
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(bytes.subarray(-8).toString('latin1'), /%%EOF\s*$/);
    assert.equal(rendered.sha256, createHash('sha256').update(bytes).digest('hex'));

    const pdf = await readPdf(bytes);
    assert.equal(pdf.pageCount, 1);
    assert.equal(rendered.pages, 1);
    const text = pdf.pages[0] ?? '';
    for (const expected of [
      'Quarterly sales',
      'client-7',
      '2025-09-10T08:30:00.000Z',
      'corr-1',
      'Label',
      'Widgets',
      '1,234.50',
      '99.99',
      'Total (2 rows)',
      '1,334.49',
      'Page 1 of 1',
    ]) {
      assert.ok(text.includes(expected), `page 1 shows "${expected}":\n${text}`);
    }
  });

  test('many rows span pages: a header row and "Page N of M" on each, the total on the last', async () => {
    const rendered = await renderReport(report({ rows: manyRows(1000) }));
    const pdf = await readPdf(rendered.bytes);
    assert.ok(pdf.pageCount > 10, `1000 rows take many pages, got ${pdf.pageCount}`);
    assert.equal(rendered.pages, pdf.pageCount);
    pdf.pages.forEach((text, i) => {
      assert.ok(text.includes(`Page ${i + 1} of ${pdf.pageCount}`), `page ${i + 1} is numbered`);
      assert.match(text, /#\s+Label\s+Value/, `page ${i + 1} repeats the header row`);
    });
    const last = pdf.pages.at(-1) ?? '';
    assert.ok(last.includes('Item 1000'));
    assert.ok(last.includes('Total (1000 rows)'));
    assert.ok(last.includes('5,255,250.00'), 'the total of 10.5 × (1 + … + 1000)');
    assert.ok(!pdf.pages.slice(0, -1).some((text) => text.includes('Total (')), 'the total only at the end');
  });

  test('the same report renders the same bytes; another correlation id or date does not', async () => {
    const first = await renderReport(report({ rows: manyRows(60) }));
    const again = await renderReport(report({ rows: manyRows(60) }));
    assert.ok(first.bytes.equals(again.bytes));
    const other = await renderReport(report({ rows: manyRows(60) }, 'corr-2'));
    assert.notEqual(other.sha256, first.sha256);
    const later = await renderReport(report({ rows: manyRows(60), generatedAt: '2025-09-11T08:30:00Z' }));
    assert.notEqual(later.sha256, first.sha256);
  });

  test('the creation date is the generation time and the ID derives from the info', async () => {
    const { bytes } = await renderReport(report());
    const text = bytes.toString('latin1');
    assert.ok(text.includes('/CreationDate') && text.includes('(D:20250910083000Z)'));
    assert.match(text, /\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
  });

  test('characters the standard fonts cannot show become "?"; long labels are cut with an ellipsis', async () => {
    const rows = [
      { label: 'Café ✓ 漢字', value: 1 },
      { label: `Long ${'x'.repeat(190)}`, value: 2 },
    ];
    const pdf = await readPdf((await renderReport(report({ rows, title: 'Señales €' }))).bytes);
    const text = pdf.pages[0] ?? '';
    assert.ok(text.includes('Señales €'));
    assert.ok(text.includes('Café ? ??'));
    assert.match(text, /Long x+…/);
  });

  test('an empty table still has its header and a zero total', async () => {
    const pdf = await readPdf((await renderReport(report({ rows: [] }))).bytes);
    assert.ok(pdf.pages[0]?.includes('Total (0 rows)'));
    assert.ok(pdf.pages[0]?.includes('0.00'));
  });
});
