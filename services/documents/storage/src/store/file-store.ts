import { randomUUID } from 'node:crypto';
import { access, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { storageErrors } from '../errors.ts';
import { ensureDirDurably, fsyncDir, writeNewFileDurably } from './durable-fs.ts';
import { FileIndex, type DateCount } from './file-index.ts';
import { checkGeneratedAt } from './generated-at.ts';
import { KeyedLock } from './keyed-lock.ts';
import { loadStoredFiles, type SkippedEntry } from './load-index.ts';
import { dateFolderOf, stagingFolder } from './names.ts';
import { readStagedMetadata, recoverOrphans } from './recover-orphans.ts';
import { discardStaged, stageUpload, type StagedFile } from './staging.ts';
import type { StoredFile } from './stored-file.ts';

/** What the uploader tells about a file, already validated (safe ids, a `.pdf` name, a date-time). */
export interface UploadFields {
  readonly correlationId: string;
  readonly clientId: string;
  readonly fileName: string;
  readonly generatedAt: string;
}

export interface CommitResult {
  readonly file: StoredFile;
  /** The same bytes were already stored under this correlation id: nothing was written. */
  readonly duplicate: boolean;
}

/** What `open()` found and did: the files it serves and, by path, what start-up recovery settled. */
export interface OpenedStore {
  readonly files: StoredFile[];
  /** Metadata that could not be served (unreadable, naming another file, its PDF missing or resized). */
  readonly skipped: SkippedEntry[];
  /** PDFs a crash left without metadata whose staged metadata verified them: committed now. */
  readonly adopted: string[];
  /** PDFs a crash left without metadata that nothing verified: deleted, with why. */
  readonly removed: SkippedEntry[];
  /** Entries cleared from the staging folder (uploads cut short, metadata not needed). */
  readonly discardedStaged: number;
}

/**
 * PDFs on disk under `<root>/YYYY-MM-DD/<correlationId>.pdf`, each with its metadata beside it as
 * `<correlationId>.json`, and an in-memory index rebuilt from that metadata by `open()`.
 */
export class FileStore {
  readonly root: string;
  readonly #staging: string;
  readonly #now: () => Date;
  readonly #index = new FileIndex();
  readonly #lock = new KeyedLock();

  constructor(options: { readonly root: string; readonly now?: () => Date }) {
    this.root = options.root;
    this.#staging = join(options.root, stagingFolder);
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Start-up recovery, then the index: creates the folders, loads the metadata, settles the PDFs a
   * crash left without metadata (adopted when their staged metadata verifies them, else removed:
   * see `recoverOrphans`), and clears what is left staged.
   */
  async open(): Promise<OpenedStore> {
    await mkdir(this.#staging, { recursive: true });
    const staged = await readStagedMetadata(this.#staging);
    const loaded = await loadStoredFiles(this.root);
    const { adopted, removed } = await recoverOrphans(this.root, loaded, staged);
    const leftovers = await readdir(this.#staging);
    await Promise.all(leftovers.map((name) => rm(join(this.#staging, name), { force: true, recursive: true })));
    const files = [...loaded.files, ...adopted];
    for (const file of files) this.#index.add(file);
    return {
      files,
      skipped: loaded.skipped,
      adopted: adopted.map((file) => file.path),
      removed,
      discardedStaged: leftovers.length,
    };
  }

  stage(source: Readable, maxBytes: number): Promise<StagedFile> {
    return stageUpload(source, this.#staging, maxBytes);
  }

  /**
   * Moves a staged upload into place with its metadata, or recognises it as a repeat: the same
   * bytes again are a duplicate (nothing written), different bytes a conflict (409). A generatedAt
   * outside [2000-01-01, now + 1 day] is refused first (400), as it would name an absurd folder.
   */
  async commit(staged: StagedFile, fields: UploadFields): Promise<CommitResult> {
    checkGeneratedAt(fields.generatedAt, this.#now());
    return this.#lock.run(fields.correlationId, async () => {
      const existing = this.#index.get(fields.correlationId);
      if (existing === undefined) return { file: await this.#place(staged, fields), duplicate: false };
      await discardStaged(staged);
      if (existing.sha256 !== staged.sha256 || existing.size !== staged.size) {
        throw storageErrors.conflict(fields.correlationId);
      }
      return { file: existing, duplicate: true };
    });
  }

  get(correlationId: string): StoredFile | undefined {
    return this.#index.get(correlationId);
  }

  onDate(date: string): StoredFile[] {
    return this.#index.onDate(date);
  }

  dates(): DateCount[] {
    return this.#index.dates();
  }

  absolutePath(file: StoredFile): string {
    return join(this.root, file.path);
  }

  /** Readiness: a real write (created, flushed, removed) in the root. */
  async probe(): Promise<string> {
    const probe = join(this.root, `.ready-${randomUUID()}`);
    try {
      await writeNewFileDurably(probe, 'ok');
    } finally {
      await rm(probe, { force: true });
    }
    return `writable: ${this.root} (${this.#index.size} files)`;
  }

  /**
   * The commit protocol: metadata written and flushed in staging first, then the PDF and its
   * metadata renamed into the date folder (same filesystem: each rename is atomic) and the folder
   * fsynced. The metadata is the commit record: a crash between the two renames leaves a PDF
   * without it, which `open()` adopts (the staged metadata verifies its bytes) or removes.
   */
  async #place(staged: StagedFile, fields: UploadFields): Promise<StoredFile> {
    const folder = dateFolderOf(fields.generatedAt);
    const base = join(this.root, folder, fields.correlationId);
    const file: StoredFile = {
      ...pick(fields),
      storedAt: this.#now().toISOString(),
      size: staged.size,
      sha256: staged.sha256,
      contentType: 'application/pdf',
      path: `${folder}/${fields.correlationId}.pdf`,
    };
    const metaTemp = join(this.#staging, `${randomUUID()}.json.part`);
    let pdfInPlace = false;
    try {
      await writeNewFileDurably(metaTemp, `${JSON.stringify(file, null, 2)}\n`);
      await ensureDirDurably(join(this.root, folder));
      await rename(staged.tempPath, `${base}.pdf`);
      pdfInPlace = true;
      await rename(metaTemp, `${base}.json`);
      await fsyncDir(join(this.root, folder));
    } catch (error) {
      // Undo what has no commit record yet; a metadata file already in place stays (and counts).
      const undo = [discardStaged(staged), rm(metaTemp, { force: true })];
      if (pdfInPlace && !(await exists(`${base}.json`))) undo.push(rm(`${base}.pdf`, { force: true }));
      await Promise.all(undo);
      throw error;
    }
    this.#index.add(file);
    return file;
  }
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function pick(fields: UploadFields): UploadFields {
  const { correlationId, clientId, fileName, generatedAt } = fields;
  return { correlationId, clientId, fileName, generatedAt };
}
