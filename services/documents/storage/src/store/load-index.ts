import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isDateFolder } from './names.ts';
import { parseStoredFile, type StoredFile } from './stored-file.ts';

/** What reading the root found: the files it can serve, and what it skipped (with why). */
export interface LoadedFiles {
  readonly files: StoredFile[];
  readonly skipped: Array<{ readonly path: string; readonly reason: string }>;
}

/**
 * Reads every `YYYY-MM-DD/*.json` of `root` once, at startup, to rebuild the index. Metadata is the
 * commit record: a file counts only when its metadata names it and it exists with that size.
 */
export async function loadStoredFiles(root: string): Promise<LoadedFiles> {
  const loaded: LoadedFiles = { files: [], skipped: [] };
  const folders = (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory() && isDateFolder(e.name));
  for (const folder of folders) {
    const names = (await readdir(join(root, folder.name))).filter((name) => name.endsWith('.json'));
    const results = await Promise.all(names.map((name) => loadOne(root, `${folder.name}/${name}`)));
    for (const result of results) {
      if ('file' in result) loaded.files.push(result.file);
      else loaded.skipped.push(result);
    }
  }
  return loaded;
}

async function loadOne(
  root: string,
  metaPath: string,
): Promise<{ file: StoredFile } | { path: string; reason: string }> {
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
