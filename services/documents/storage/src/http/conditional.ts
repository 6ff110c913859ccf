/** HTTP conditional requests (RFC 9110 §13) against a stored file's ETag and Last-Modified. */
export interface Validators {
  /** Quoted, strong: `"<sha256>"`. */
  readonly etag: string;
  readonly lastModified: Date;
}

type Header = string | string[] | undefined;

function text(header: Header): string | undefined {
  return Array.isArray(header) ? header.join(',') : header;
}

function etagsOf(header: string): string[] {
  return header.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
}

/** Whether the client's copy is current: If-None-Match (weak comparison), else If-Modified-Since. */
export function isNotModified(ifNoneMatch: Header, ifModifiedSince: Header, validators: Validators): boolean {
  const tags = text(ifNoneMatch);
  if (tags !== undefined) return tags.trim() === '*' || etagsOf(tags).includes(validators.etag);
  const since = Date.parse(text(ifModifiedSince) ?? '');
  return !Number.isNaN(since) && Math.floor(validators.lastModified.getTime() / 1000) * 1000 <= since;
}

/** Whether a Range may be honoured: no If-Range, or one naming the current (strong) ETag or date. */
export function ifRangeHolds(ifRange: Header, validators: Validators): boolean {
  const condition = text(ifRange)?.trim();
  if (condition === undefined) return true;
  if (condition.startsWith('"') || condition.startsWith('W/')) return condition === validators.etag;
  const date = Date.parse(condition);
  return !Number.isNaN(date) && Math.floor(validators.lastModified.getTime() / 1000) * 1000 === date;
}
