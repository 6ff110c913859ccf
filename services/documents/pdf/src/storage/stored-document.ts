/** What the storage server keeps about a stored report, and whether it was already there. */
export interface StoredDocument {
  readonly correlationId: string;
  readonly clientId: string;
  readonly fileName: string;
  readonly generatedAt: string;
  readonly storedAt: string;
  readonly size: number;
  readonly sha256: string;
  /** Relative to the storage root: `YYYY-MM-DD/<correlationId>.pdf`. */
  readonly path: string;
  /** The same bytes were stored before (a retried upload). */
  readonly duplicate: boolean;
}

const strings = ['correlationId', 'clientId', 'fileName', 'generatedAt', 'storedAt', 'sha256', 'path'] as const;

/** The storage server's success body, or `undefined` when it is not one. */
export function parseStoredDocument(json: unknown): StoredDocument | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const body = json as Record<string, unknown>;
  if (strings.some((key) => typeof body[key] !== 'string')) return undefined;
  if (typeof body['size'] !== 'number' || typeof body['duplicate'] !== 'boolean') return undefined;
  const picked = Object.fromEntries([...strings, 'size', 'duplicate'].map((key) => [key, body[key]]));
  return picked as unknown as StoredDocument;
}
