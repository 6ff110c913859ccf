import type { OperationRecord } from '../record.ts';

/** One operation record as it was read from its topic. */
export interface LoggedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly record: OperationRecord;
}

/** The columns of an execution-log file, in order. */
export const columns = [
  'timestamp',
  'service',
  'endpoint',
  'operation',
  'correlationId',
  'success',
  'statusCode',
  'fileName',
  'durationMs',
  'error',
  'payload',
  'topic',
  'partition',
  'offset',
] as const;

export type Column = (typeof columns)[number];
export type Row = Readonly<Record<Column, string | number | boolean | undefined>>;

export function toRow({ topic, partition, offset, record }: LoggedRecord): Row {
  return {
    timestamp: record.timestamp,
    service: record.service,
    endpoint: record.endpoint,
    operation: record.operation,
    correlationId: record.correlationId,
    success: record.success,
    statusCode: record.statusCode,
    fileName: record.fileName,
    durationMs: record.durationMs,
    error: record.error,
    payload: record.payload,
    topic,
    partition,
    offset,
  };
}

/** RFC 4180 CSV: a header line, CRLF line ends, fields quoted when they hold a comma, quote or line break. */
export function toCsv(rows: readonly Row[]): string {
  const field = (value: Row[Column]): string => {
    const text = value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => field(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** One line for a person watching a terminal. */
export function toLine({ topic, partition, offset, record }: LoggedRecord): string {
  const mark = record.success ? '✔' : '✖';
  const extra = [record.operation, record.fileName, record.statusCode, record.error].filter((v) => v !== undefined);
  return `${record.timestamp} ${mark} ${record.service.padEnd(16)} ${record.endpoint} ${record.correlationId} ${extra.join(' ')}  [${topic}/${partition}@${offset}]`;
}
