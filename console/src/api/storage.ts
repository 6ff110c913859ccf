import type { StoredFile } from '@eventflow/storage-service';
import { getJson, withQuery } from './http.ts';

export type { StoredFile };

export interface DateCount {
  readonly date: string;
  readonly count: number;
}

const base = '/api/storage';

export const storageApi = {
  /** Every date that has files, newest first. */
  dates: () => getJson<{ dates: DateCount[] }>(`${base}/files`).then((r) => r.dates),
  /** The files of one date (YYYY-MM-DD), in the order they were stored. */
  onDate: (date: string) => getJson<{ files: StoredFile[] }>(withQuery(`${base}/files`, { date })).then((r) => r.files),
  metadata: (correlationId: string) =>
    getJson<StoredFile>(`${base}/file/${encodeURIComponent(correlationId)}/metadata`),
};

/** Where the browser downloads a stored PDF. */
export const downloadUrl = (correlationId: string): string => `${base}/file/${encodeURIComponent(correlationId)}`;
