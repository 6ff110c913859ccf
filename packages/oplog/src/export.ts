// The execution-log files of `npm run logs -- export`, for other tools (the demo) to write the same
// CSV and XLSX: a subpath of its own, so services importing the package do not load the XLSX writer.
export { columns, toCsv, toLine, toRow, type Column, type LoggedRecord, type Row } from './cli/table.ts';
export { writeXlsx } from './cli/xlsx.ts';
