import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { BusError } from '../errors.ts';
import { decodeFrame, type LogRecord } from './frame.ts';
import { GroupCommit } from './group-commit.ts';
import { readFully, recoverLog } from './log-recovery.ts';
import type { OffsetIndex } from './offset-index.ts';

export interface StoredRecord extends LogRecord {
  readonly offset: number;
}

/** How much one read may bring into memory: at least one record, then up to both limits. */
export interface ReadLimits {
  readonly maxRecords: number;
  readonly maxBytes: number;
}

/**
 * One topic-partition: an append-only file of frames, its offsets the record indexes. An append is
 * acknowledged (and visible to readers) only after its bytes are fsynced; concurrent appends share
 * one write and one fsync (group commit). After an I/O failure the log refuses appends until reopened.
 */
export class PartitionLog {
  readonly #handle: FileHandle;
  readonly #index: OffsetIndex;
  readonly #commits: GroupCommit<readonly Buffer[], number>;
  readonly #listeners = new Set<() => void>();
  #size: number;
  #failure: unknown;
  #closing: Promise<void> | undefined;

  private constructor(handle: FileHandle, index: OffsetIndex, size: number) {
    this.#handle = handle;
    this.#index = index;
    this.#size = size;
    this.#commits = new GroupCommit((batches) => this.#flush(batches));
  }

  /** Opens (creating it if need be) and recovers the log at `path`. */
  static async open(path: string): Promise<PartitionLog> {
    const handle = await open(path, constants.O_RDWR | constants.O_CREAT, 0o644);
    try {
      const { index, size } = await recoverLog(handle);
      return new PartitionLog(handle, index, size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The offset the next record will get; every offset below it is durable. */
  get end(): number {
    return this.#index.count;
  }

  /** Appends frames as consecutive records; resolves with the first one's offset once they are fsynced. */
  append(frames: readonly Buffer[]): Promise<number> {
    if (this.#closing !== undefined) return Promise.reject(new BusError('BUS.CLOSED', 'the partition log is closed'));
    if (this.#failure !== undefined) return Promise.reject(failed(this.#failure));
    return this.#commits.submit(frames);
  }

  /** Records from offset `from` on, within the limits; empty when `from` is the end. */
  async read(from: number, limits: ReadLimits): Promise<StoredRecord[]> {
    const end = this.end;
    if (from >= end) return [];
    const start = this.#index.positionOf(from);
    const last = Math.min(end, from + Math.max(1, limits.maxRecords));
    let to = from + 1;
    while (to < last && this.#boundary(to + 1) - start <= limits.maxBytes) to++;
    const bytes = await readFully(this.#handle, start, this.#boundary(to) - start);
    const records: StoredRecord[] = [];
    for (let offset = from, at = 0; offset < to; offset++) {
      const { record, length } = decodeFrame(bytes, at);
      records.push({ ...record, offset });
      at += length;
    }
    return records;
  }

  /** Calls `listener` after each durable append; returns the unsubscribe. */
  onAppend(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Lets queued appends finish, then closes the file. */
  close(): Promise<void> {
    this.#closing ??= this.#commits.idle().then(() => this.#handle.close());
    return this.#closing;
  }

  /** Where the frame of `offset` starts, or the end of the file for the end offset. */
  #boundary(offset: number): number {
    return offset < this.#index.count ? this.#index.positionOf(offset) : this.#size;
  }

  async #flush(batches: ReadonlyArray<readonly Buffer[]>): Promise<number[]> {
    if (this.#failure !== undefined) throw failed(this.#failure);
    const frames = batches.flat();
    const bytes = Buffer.concat(frames);
    try {
      for (let done = 0; done < bytes.length;) {
        done += (await this.#handle.write(bytes, done, bytes.length - done, this.#size + done)).bytesWritten;
      }
      await this.#handle.datasync();
    } catch (error) {
      // After a failed write or fsync the file's state is unknown: stop appending; a reopen recovers.
      this.#failure = error;
      await this.#handle.truncate(this.#size).catch(() => undefined);
      throw failed(error);
    }
    const firstOffsets: number[] = [];
    let position = this.#size;
    for (const batch of batches) {
      firstOffsets.push(this.#index.count);
      for (const frame of batch) {
        this.#index.push(position);
        position += frame.length;
      }
    }
    this.#size = position;
    for (const listener of this.#listeners) listener();
    return firstOffsets;
  }
}

function failed(cause: unknown): BusError {
  return new BusError('BUS.PUBLISH_FAILED', 'the partition log could not be written', {}, { cause });
}
