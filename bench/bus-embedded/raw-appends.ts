import { randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The anchor's throughput: `total` frames of `frameBytes` appended to one file, `group` frames per
 * positioned write followed by one fdatasync, by `writers` loops side by side — the work the
 * embedded adapter cannot skip while it acknowledges only what is on disk. Returns the time taken.
 */
export async function rawAppends(
  dir: string,
  options: { readonly total: number; readonly frameBytes: number; readonly group: number; readonly writers: number },
): Promise<number> {
  const { total, frameBytes, group, writers } = options;
  const file = await open(join(dir, `raw-${randomUUID()}.log`), 'w+');
  const bytes = Buffer.alloc(frameBytes * group, 'x');
  let next = 0;
  let position = 0;
  const began = performance.now();
  try {
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (next < total) {
          next += group;
          const at = position;
          position += bytes.length;
          await file.write(bytes, 0, bytes.length, at);
          await file.datasync();
        }
      }),
    );
    return performance.now() - began;
  } finally {
    await file.close();
  }
}

/** The anchor's latency: one frame written and fdatasynced at a time; each append's time, in ms. */
export async function rawAppendLatency(dir: string, count: number, frameBytes: number): Promise<Float64Array> {
  const file = await open(join(dir, `raw-${randomUUID()}.log`), 'w+');
  const bytes = Buffer.alloc(frameBytes, 'x');
  const latencies = new Float64Array(count);
  try {
    for (let i = 0; i < count; i++) {
      const began = performance.now();
      await file.write(bytes, 0, bytes.length, i * frameBytes);
      await file.datasync();
      latencies[i] = performance.now() - began;
    }
    return latencies;
  } finally {
    await file.close();
  }
}
