import { createHash } from 'node:crypto';
import type { ReportRow } from './report-row.ts';

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Twelve months of figures for a client that sent none: derived from the client id alone (its
 * SHA-256), so the same client always gets the same report. Values 500.00 to 10,000.00.
 */
export function sampleRows(clientId: string): ReportRow[] {
  const seed = createHash('sha256').update(clientId).digest();
  return months.map((month, i) => ({
    label: `${month} sales`,
    value: Math.round(50_000 + (seed.readUInt16BE(i * 2) / 0xffff) * 950_000) / 100,
  }));
}
