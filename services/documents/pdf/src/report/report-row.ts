/** One line of the report's table. */
export interface ReportRow {
  readonly label: string;
  readonly value: number;
}
