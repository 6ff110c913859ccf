import writeExcelFile from 'write-excel-file/node';
import { columns, type Row } from './table.ts';

const widths: Partial<Record<(typeof columns)[number], number>> = {
  timestamp: 26,
  service: 18,
  endpoint: 30,
  correlationId: 38,
  fileName: 30,
  error: 40,
  payload: 60,
};

/** Writes the rows as one sheet with a bold header row: the execution-log file in Excel form. */
export async function writeXlsx(rows: readonly Row[], path: string): Promise<void> {
  await writeExcelFile([...rows], {
    sheet: 'operation logs',
    columns: columns.map((name) => ({
      header: { value: name, fontWeight: 'bold' as const },
      cell: (row: Row) => row[name] ?? null,
      width: widths[name] ?? 12,
    })),
  }).toFile(path);
}
