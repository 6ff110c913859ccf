// The export's body, as a stream of text: the opening goes out at once (the caller knows the export
// started), the rows once the passes have counted the classes, the summary last. Each class's id is
// an HMAC of its values under a salt made for this export alone and dropped with it: rows of a class
// share it, it says nothing the values do not, and no two exports' ids can be joined.
import { createHmac, randomBytes } from 'node:crypto';
import type { Anonymised } from './anonymise.ts';
import { rowKey, type ExportRow } from './generalise.ts';

export type ExportFormat = 'json' | 'csv';

/** An exported row: the class's pseudonymous id, then what every row of the class says. */
export type AnonymousRow = { readonly clase: string } & ExportRow;

export interface ExportSummary {
  readonly k: number;
  /** Users read by the pass that was exported. */
  readonly usuarios: number;
  readonly filas: number;
  /** Rows (purchases, or users without any) whose class had fewer than k users: left out. */
  readonly filas_suprimidas: number;
  readonly clases: number;
  readonly clases_suprimidas: number;
}

export const csvColumns = [
  'clase',
  'nivel',
  'tipo_documento',
  'alta',
  'evento_id',
  'fecha',
  'cantidad',
  'importe',
] as const satisfies readonly (keyof AnonymousRow)[];

/** Lines are sent in batches of this many, so a large class does not become one large string. */
const batchLines = 256;

export async function* exportBody(
  format: ExportFormat,
  k: number,
  anonymised: () => Promise<Anonymised>,
  finished: (summary: ExportSummary) => void,
): AsyncGenerator<string> {
  yield format === 'json' ? `{"k":${k},"filas":[` : `${csvColumns.join(',')}\r\n`;
  const result = await anonymised();
  let first = true;
  let batch: string[] = [];
  for (const { row, rows } of namedClasses(result, randomBytes(32))) {
    const line = format === 'json' ? JSON.stringify(row) : csvLine(row);
    for (let i = 0; i < rows; i += 1) {
      batch.push(format === 'json' ? `${first ? '' : ','}\n${line}` : line);
      first = false;
      if (batch.length >= batchLines) {
        yield batch.join('');
        batch = [];
      }
    }
  }
  const summary = summaryOf(k, result);
  finished(summary);
  yield `${batch.join('')}${format === 'json' ? `\n],"resumen":${JSON.stringify(summary)}}\n` : ''}`;
}

/** Every class with its id and how many rows it writes, in the order of the ids (random for each export). */
export function namedClasses(
  result: Anonymised,
  salt: Buffer,
): { readonly row: AnonymousRow; readonly rows: number }[] {
  const named = result.classes.map((counted) => ({
    row: { clase: classId(salt, counted.row), ...counted.row },
    rows: counted.rows,
  }));
  return named.sort((a, b) => (a.row.clase < b.row.clase ? -1 : a.row.clase > b.row.clase ? 1 : 0));
}

function classId(salt: Buffer, row: ExportRow): string {
  return createHmac('sha256', salt).update(rowKey(row)).digest('base64url').slice(0, 16);
}

function summaryOf(k: number, result: Anonymised): ExportSummary {
  return {
    k,
    usuarios: result.users,
    filas: result.rows,
    filas_suprimidas: result.suppressedRows,
    clases: result.classes.length,
    clases_suprimidas: result.suppressedClasses,
  };
}

/** RFC 4180: CRLF line ends, a field quoted when it holds a comma, a quote or a line break; null empty. */
export function csvLine(row: AnonymousRow): string {
  return `${csvColumns.map((column) => csvField(row[column])).join(',')}\r\n`;
}

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
