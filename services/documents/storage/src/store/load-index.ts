import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isDateFolder, isSafeId } from './names.ts';
import { parseStoredFile, type StoredFile } from './stored-file.ts';

/** Something found on disk and not served, with why. */
export interface SkippedEntry {
  readonly path: string;
  readonly reason: string;
}

/** What reading the root found: the files it can serve, what it skipped, and PDFs without metadata. */
export interface LoadedFiles {
  readonly files: StoredFile[];
  readonly skipped: SkippedEntry[];
  /** `YYYY-MM-DD/<correlationId>.pdf` with no `<correlationId>.json` beside it: a commit cut short. */
  readonly orphans: string[];
}

/**
 * Reads every `YYYY-MM-DD/*.json` of `root` once, at startup, to rebuild the index. Metadata is the
 * commit record: a file counts only when its metadata names it and it exists with that size. A
 * `<correlationId>.pdf` without any `<correlationId>.json` is listed as an orphan (other names are
 * not this service's and are left alone).
 */
export async function loadStoredFiles(root: string): Promise<LoadedFiles> {
  const loaded: LoadedFiles = { files: [], skipped: [], orphans: [] };
  const folders = (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory() && isDateFolder(e.name));
  for (const folder of folders) {
    const entries = await readdir(join(root, folder.name), { withFileTypes: true });
    const names = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
    const metadata = [...names].filter((name) => name.endsWith('.json'));
    const results = await Promise.all(metadata.map((name) => loadOne(root, `${folder.name}/${name}`)));
    for (const result of results) {
      if ('file' in result) loaded.files.push(result.file);
      else loaded.skipped.push(result);
    }
    for (const name of names) {
      if (isOrphan(name, names)) loaded.orphans.push(`${folder.name}/${name}`);
    }
  }
  return loaded;
}

function isOrphan(name: string, names: ReadonlySet<string>): boolean {
  if (!name.endsWith('.pdf')) return false;
  const id = name.slice(0, -'.pdf'.length);
  return isSafeId(id) && !names.has(`${id}.json`);
}

async function loadOne(root: string, metaPath: string): Promise<{ file: StoredFile } | SkippedEntry> {
  let file: StoredFile | undefined;
  try {
    file = parseStoredFile(JSON.parse(await readFile(join(root, metaPath), 'utf8')));
  } catch {
    file = undefined;
  }
  if (file === undefined) return { path: metaPath, reason: 'not storage metadata' };
  if (`${file.path.slice(0, -'.pdf'.length)}.json` !== metaPath)
    return { path: metaPath, reason: 'names another file' };
  const size = await stat(join(root, file.path)).then(
    (s) => s.size,
    () => undefined,
  );
  if (size !== file.size) return { path: metaPath, reason: size === undefined ? 'file missing' : 'size differs' };
  return { file };
}
