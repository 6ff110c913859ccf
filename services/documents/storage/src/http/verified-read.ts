import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import type { ByteRange } from './range.ts';
import { ChecksumMismatchError, verifyingStream } from './verifying-stream.ts';

/** What the stored metadata says the bytes must be. */
export interface Expected {
  readonly size: number;
  readonly sha256: string;
}

/** The body to send: bytes already verified, or a stream that verifies as it goes. */
export type VerifiedBody =
  | { readonly kind: 'buffer'; readonly data: Buffer }
  | { readonly kind: 'stream'; readonly stream: Readable; readonly verifying: boolean };

/**
 * Opens a stored file for sending, checking it against its metadata. The checksum strategy:
 *  - size on disk ≠ stored size: refused at once (ChecksumMismatchError, before any header);
 *  - files up to `verifyFirstBytes`: read whole, hashed, then those same bytes are sent;
 *  - larger files, whole: streamed through `verifyingStream` (a mismatch aborts the response);
 *  - larger files, a range: the whole file is hashed first, then the range is streamed.
 */
export async function openVerified(
  path: string,
  expected: Expected,
  range: ByteRange | undefined,
  verifyFirstBytes: number,
): Promise<VerifiedBody> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size !== expected.size) throw new ChecksumMismatchError(expected.sha256, `(size ${size} ≠ ${expected.size})`);
    if (size <= verifyFirstBytes) return { kind: 'buffer', data: await readChecked(handle, expected, range) };
    if (range !== undefined) await hashChecked(handle, expected);
    const stream = handle.createReadStream({ start: range?.start ?? 0, end: range?.end ?? size - 1 });
    if (range !== undefined) return { kind: 'stream', stream, verifying: false };
    // pipeline, not pipe: a read error reaches the response, and a destroyed response closes the file.
    return { kind: 'stream', stream: pipeline(stream, verifyingStream(expected.sha256), noop), verifying: true };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function readChecked(handle: FileHandle, expected: Expected, range: ByteRange | undefined): Promise<Buffer> {
  const data = await handle.readFile();
  await handle.close();
  const actual = createHash('sha256').update(data).digest('hex');
  if (actual !== expected.sha256) throw new ChecksumMismatchError(expected.sha256, actual);
  return range === undefined ? data : data.subarray(range.start, range.end + 1);
}

async function hashChecked(handle: FileHandle, expected: Expected): Promise<void> {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(64 * 1024);
  for (let position = 0; ;) {
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
    if (bytesRead === 0) break;
    hash.update(chunk.subarray(0, bytesRead));
    position += bytesRead;
  }
  const actual = hash.digest('hex');
  if (actual !== expected.sha256) throw new ChecksumMismatchError(expected.sha256, actual);
}

function noop(): void {
  // Errors surface on the returned stream, where the response sees them.
}
