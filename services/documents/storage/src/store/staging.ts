import { randomUUID } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UploadInspector } from './upload-inspector.ts';

/** An upload written in full to a temporary file of the staging folder, flushed, not yet in place. */
export interface StagedFile {
  readonly tempPath: string;
  readonly size: number;
  readonly sha256: string;
}

/**
 * Streams `source` into a new temporary file of `dir`, checking and hashing it on the way, and
 * fsyncs it before closing. On any failure (not a PDF, too large, the client went away) the temporary file is
 * removed before the error is rethrown: a refused upload leaves nothing behind.
 */
export async function stageUpload(source: Readable, dir: string, maxBytes: number): Promise<StagedFile> {
  const tempPath = join(dir, `${randomUUID()}.pdf.part`);
  const handle = await open(tempPath, 'wx');
  const inspector = new UploadInspector(maxBytes);
  try {
    // The write stream owns the handle: it fsyncs (flush) and closes it, on success and on failure.
    await pipeline(source, inspector, handle.createWriteStream({ flush: true }));
    return { tempPath, size: inspector.size, sha256: inspector.digest() };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(tempPath, { force: true });
    throw error;
  }
}

/** Removes a staged file that will not be committed (already moved into place: nothing to do). */
export async function discardStaged(staged: StagedFile): Promise<void> {
  await rm(staged.tempPath, { force: true });
}
