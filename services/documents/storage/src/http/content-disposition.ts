/**
 * `attachment` with the file's name twice (RFC 6266): `filename` as a quoted ASCII fallback (other
 * characters, quotes, backslashes and `%` become `_`) and `filename*` in UTF-8, percent-encoded
 * (RFC 8187: only attr-chars stay as they are).
 */
export function attachmentDisposition(fileName: string): string {
  const name = fileName.toWellFormed();
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
