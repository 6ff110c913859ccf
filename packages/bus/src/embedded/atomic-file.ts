import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Replaces `path` with `data` so that a crash leaves either the old file or the new one, durably. */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const temporary = `${path}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  await syncDirectory(dirname(path));
}

/** Makes the entries of a directory (files created, renamed or removed in it) durable. */
export async function syncDirectory(path: string): Promise<void> {
  if (process.platform === 'win32') return; // Windows cannot open a directory to fsync it.
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
