/** A table row of a report: named cells, or cells in column order. */
export type ReportRow =
  Readonly<Record<string, string | number | boolean | null>> | readonly (string | number | boolean | null)[];

/** What a report job is asked to produce: the PDF server's input, less what the job decides. */
export interface ReportRequest {
  readonly clientId: string;
  readonly title?: string;
  readonly rows?: readonly ReportRow[];
  readonly fileName?: string;
}

/**
 * A report job's data as stored with the job. `correlationId` and `generatedAt` are fixed when it is
 * enqueued, so every attempt sends the PDF server the same input (and gets the same bytes); a
 * recurring occurrence has neither and takes its job's id and creation time instead.
 */
export interface ReportJobData extends ReportRequest {
  readonly correlationId?: string;
  readonly generatedAt?: string;
  /** The recurring job that produced this occurrence. */
  readonly recurringId?: string;
  /** The job this one continued (its continuation parent). */
  readonly continueAfter?: string;
}

/** The queue every report job goes through. */
export const reportQueue = 'report';

/** Ids the storage server accepts (correlation and client ids become file names there). */
export const safeIdPattern = '^(?!\\.{1,2}$)[A-Za-z0-9._-]{1,100}$';

export function isSafeId(value: string): boolean {
  return new RegExp(safeIdPattern).test(value);
}

/** What a job's input is, whatever its origin. */
export function reportRequestOf(data: ReportJobData): ReportRequest {
  return {
    clientId: data.clientId,
    ...(data.title === undefined ? {} : { title: data.title }),
    ...(data.rows === undefined ? {} : { rows: data.rows }),
    ...(data.fileName === undefined ? {} : { fileName: data.fileName }),
  };
}
