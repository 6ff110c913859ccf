/**
 * What may become part of a path on disk. Correlation and client ids are file names, so they are
 * restricted to a portable set and never `.` or `..`; the client's file name is kept only as
 * metadata (files are named by correlation id), yet it must still be a plain `*.pdf` name.
 * At most 100 characters: Fastify's router refuses longer path parameters (414), and an id that
 * could be stored must also be retrievable by `GET /api/storage/file/:correlationId`.
 */
export const maxIdLength = 100;
export const safeIdPattern = `^(?!\\.{1,2}$)[A-Za-z0-9._-]{1,${maxIdLength}}$`;
export const fileNamePattern = '^[^/\\\\\\u0000-\\u001f\\u007f]{1,251}\\.[Pp][Dd][Ff]$';
export const datePattern = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';

const safeId = new RegExp(safeIdPattern, 'u');
const dateFolder = new RegExp(datePattern, 'u');

export function isSafeId(value: unknown): value is string {
  return typeof value === 'string' && safeId.test(value);
}

export function isDateFolder(name: string): boolean {
  return dateFolder.test(name);
}

/** The folder of a file generated at `generatedAt`: its UTC date, `YYYY-MM-DD`. */
export function dateFolderOf(generatedAt: string): string {
  return new Date(generatedAt).toISOString().slice(0, 10);
}

/** Staged uploads wait here, inside the root so that moving them into place is an atomic rename. */
export const stagingFolder = '.incoming';
