import { isSafeId } from './names.ts';

/** What is known about one stored PDF; written as `<correlationId>.json` beside `<correlationId>.pdf`. */
export interface StoredFile {
  readonly correlationId: string;
  readonly clientId: string;
  readonly fileName: string;
  /** ISO-8601, as the uploader sent it; its UTC date names the folder. */
  readonly generatedAt: string;
  /** ISO-8601 UTC, when the file was committed. */
  readonly storedAt: string;
  readonly size: number;
  /** Hex SHA-256 of the bytes. */
  readonly sha256: string;
  readonly contentType: 'application/pdf';
  /** Relative to the storage root: `YYYY-MM-DD/<correlationId>.pdf`. */
  readonly path: string;
}

export const storedFileSchema = {
  $id: 'storedFile',
  type: 'object',
  required: [
    'correlationId',
    'clientId',
    'fileName',
    'generatedAt',
    'storedAt',
    'size',
    'sha256',
    'contentType',
    'path',
  ],
  properties: {
    correlationId: { type: 'string' },
    clientId: { type: 'string' },
    fileName: { type: 'string' },
    generatedAt: { type: 'string', format: 'date-time' },
    storedAt: { type: 'string', format: 'date-time' },
    size: { type: 'integer', minimum: 0 },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    contentType: { type: 'string', enum: ['application/pdf'] },
    path: { type: 'string' },
  },
} as const;

/** The folder (date) part of a stored file's path. */
export function dateOf(file: StoredFile): string {
  return file.path.slice(0, file.path.indexOf('/'));
}

/** Reads metadata found on disk, or `undefined` when it is not metadata this service wrote. */
export function parseStoredFile(json: unknown): StoredFile | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const file = json as Record<string, unknown>;
  const strings = ['clientId', 'fileName', 'generatedAt', 'storedAt', 'sha256', 'path'];
  if (!isSafeId(file['correlationId']) || strings.some((key) => typeof file[key] !== 'string')) return undefined;
  if (typeof file['size'] !== 'number' || file['contentType'] !== 'application/pdf') return undefined;
  return json as StoredFile;
}
