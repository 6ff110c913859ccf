import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsyncDir } from './durable-fs.ts';
import type { LoadedFiles, SkippedEntry } from './load-index.ts';
import { parseStoredFile, type StoredFile } from './stored-file.ts';

/** Metadata the commit protocol wrote and flushed in staging, before moving the PDF into place. */
export interface StagedMetadata {
  readonly tempPath: string;
  readonly file: StoredFile;
}

/** What start-up recovery did with the PDFs a crash left without their metadata. */
export interface RecoveredOrphans {
  /** Committed now, with the metadata staged for them: their commit is completed. */
  readonly adopted: StoredFile[];
  /** Deleted, with why: nothing vouches for them, and no upload of them was ever acknowledged. */
  readonly removed: SkippedEntry[];
}

/** Every `*.json.part` of the staging folder that is this service's metadata (anything else is ignored). */
export async function readStagedMetadata(staging: string): Promise<StagedMetadata[]> {
  const names = (await readdir(staging)).filter((name) => name.endsWith('.json.part'));
  const found = await Promise.all(
    names.map(async (name) => {
      const tempPath = join(staging, name);
      // A crash can leave the metadata empty or cut short: not this service's metadata, ignored.
      const file = await readFile(tempPath, 'utf8')
        .then((text) => parseStoredFile(JSON.parse(text)))
        .catch(() => undefined);
      return file === undefined ? [] : [{ tempPath, file }];
    }),
  );
  return found.flat();
}

/**
 * Settles each orphan (a `<correlationId>.pdf` with no metadata beside it). The commit protocol
 * writes and flushes the metadata in staging, renames the PDF into its date folder, then renames
 * the metadata beside it; a crash between the two renames leaves exactly such an orphan, and the
 * 201 is only sent after both, so no orphan was ever acknowledged.
 *
 * Adopted (the commit rolled forward by renaming the staged metadata into place) only when that
 * metadata names this very path and the bytes on disk have its size and SHA-256, and no committed
 * file has the correlation id already. Metadata is never rebuilt from the PDF: its client id, file
 * name and generatedAt cannot be known from the bytes, and an invented record would be served as
 * true. Every other orphan is removed (not quarantined: it would be an invisible file again, and
 * its uploader, never answered 201, retries or has its error).
 */
export async function recoverOrphans(
  root: string,
  loaded: LoadedFiles,
  staged: readonly StagedMetadata[],
): Promise<RecoveredOrphans> {
  const committed = new Set(loaded.files.map((file) => file.correlationId));
  const recovered: RecoveredOrphans = { adopted: [], removed: [] };
  for (const path of loaded.orphans) {
    const outcome = await settle(root, path, committed, staged);
    if ('file' in outcome) recovered.adopted.push(outcome.file);
    else recovered.removed.push(outcome);
  }
  const folders = new Set(
    [...recovered.adopted.map((f) => f.path), ...recovered.removed.map((r) => r.path)].map(dirname),
  );
  await Promise.all([...folders].map((folder) => fsyncDir(join(root, folder))));
  return recovered;
}

async function settle(
  root: string,
  path: string,
  committed: ReadonlySet<string>,
  staged: readonly StagedMetadata[],
): Promise<{ file: StoredFile } | SkippedEntry> {
  const pdf = join(root, path);
  const reason = await adoptionRefused(pdf, path, committed, staged);
  if (typeof reason === 'string') {
    await rm(pdf, { force: true });
    return { path, reason };
  }
  await rename(reason.tempPath, `${pdf.slice(0, -'.pdf'.length)}.json`);
  return { file: reason.file };
}

/** Why the orphan at `path` cannot be adopted, or the staged metadata that vouches for it. */
async function adoptionRefused(
  pdf: string,
  path: string,
  committed: ReadonlySet<string>,
  staged: readonly StagedMetadata[],
): Promise<string | StagedMetadata> {
  const correlationId = basename(path, '.pdf');
  if (committed.has(correlationId)) return 'correlation id stored in another folder';
  const candidates = staged.filter((entry) => entry.file.path === path && entry.file.correlationId === correlationId);
  if (candidates.length === 0) return 'no staged metadata';
  const { size, sha256 } = await digestOf(pdf);
  const match = candidates.find((entry) => entry.file.size === size && entry.file.sha256 === sha256);
  return match ?? 'bytes differ from the staged metadata';
}

async function digestOf(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    hash.update(bytes);
  }
  return { size, sha256: hash.digest('hex') };
}
