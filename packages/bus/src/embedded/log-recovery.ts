import type { FileHandle } from 'node:fs/promises';
import { FRAME_HEADER_BYTES, frameIntact, frameLength } from './frame.ts';
import { OffsetIndex } from './offset-index.ts';

export interface RecoveredLog {
  readonly index: OffsetIndex;
  /** The bytes of intact frames: where the next append goes. */
  readonly size: number;
  /** How many bytes of torn or corrupt tail were cut off. */
  readonly truncated: number;
}

const CHUNK_BYTES = 1024 * 1024;

/**
 * Scans a partition log from its start, indexing every intact frame, and cuts the file at the first
 * frame that is torn (a crash mid-append) or corrupt (its checksum fails): what follows it was never
 * acknowledged, since an append is acknowledged only after its fsync and appends are written in order.
 */
export async function recoverLog(handle: FileHandle): Promise<RecoveredLog> {
  const { size } = await handle.stat();
  const reader = new ChunkReader(handle, size);
  const index = new OffsetIndex();
  let position = 0;
  while (position + FRAME_HEADER_BYTES <= size) {
    const length = frameLength(await reader.bytes(position, FRAME_HEADER_BYTES));
    if (length === undefined || position + length > size) break;
    if (!frameIntact(await reader.bytes(position, length), 0, length)) break;
    index.push(position);
    position += length;
  }
  if (position < size) {
    await handle.truncate(position);
    await handle.datasync();
  }
  return { index, size: position, truncated: size - position };
}

/** Sequential reads through a window of at least a megabyte, so a scan costs few system calls. */
class ChunkReader {
  readonly #handle: FileHandle;
  readonly #size: number;
  #chunk: Buffer = Buffer.alloc(0);
  #start = 0;

  constructor(handle: FileHandle, size: number) {
    this.#handle = handle;
    this.#size = size;
  }

  /** `length` bytes from `position` (the caller keeps within the file), as a view. */
  async bytes(position: number, length: number): Promise<Buffer> {
    const end = position + length;
    if (position < this.#start || end > this.#start + this.#chunk.length) {
      const want = Math.min(Math.max(CHUNK_BYTES, length), this.#size - position);
      this.#chunk = await readFully(this.#handle, position, want);
      this.#start = position;
    }
    return this.#chunk.subarray(position - this.#start, end - this.#start);
  }
}

/** Reads exactly `length` bytes at `position` (a short read means the file shrank under us). */
export async function readFully(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) throw new Error(`unexpected end of log at byte ${position + done}`);
    done += bytesRead;
  }
  return buffer;
}
