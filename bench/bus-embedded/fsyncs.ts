import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Counts `FileHandle.datasync()` calls in this process — the fsyncs the embedded logs make (one
 * per group commit) and the raw anchors' — by wrapping the method on FileHandle's prototype.
 * A measuring instrument for this benchmark only.
 */
export async function countFsyncs(dir: string): Promise<() => number> {
  const probe = await open(join(dir, 'fsync-probe'), 'w');
  const prototype = Object.getPrototypeOf(probe) as FileHandle;
  await probe.close();
  const original = Reflect.get<FileHandle, 'datasync'>(prototype, 'datasync');
  let count = 0;
  prototype.datasync = function (this: FileHandle) {
    count++;
    return original.call(this);
  };
  return () => count;
}
