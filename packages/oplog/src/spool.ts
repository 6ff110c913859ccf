import { mkdir, open, readdir, readFile, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { OperationRecord } from './record.ts';

/** A record as the spool keeps it: its place in the spool's order, and the record. */
export interface SpooledRecord {
  readonly seq: number;
  readonly record: OperationRecord;
}

export interface SpoolOptions {
  /** The folder of this log's spool (one per service and topic). */
  readonly dir: string;
  /** A segment is closed and a new one begun past this size. @default 1 MiB */
  readonly segmentBytes?: number;
}

const checkpointFile = 'shipped.json';
const segmentName = /^(\d{16})\.log$/;

/**
 * The operation log's spool on disk: every record is appended (one line of JSON) and fsynced before
 * `persisted()` resolves, so a record an operation waited for survives a crash of the process; what
 * the broker has confirmed is checkpointed (`shipped.json`, written atomically), and segments wholly
 * shipped are removed. On start, `recover()` gives back what was spooled but not confirmed: shipped
 * at least once, in order (a crash between a publish and its checkpoint ships those records twice).
 */
export class OperationSpool {
  readonly #dir: string;
  readonly #segmentBytes: number;
  #nextSeq = 1;
  #shipped = 0;
  #segment: { handle: FileHandle; firstSeq: number; bytes: number } | undefined;
  #pending: string[] = [];
  #waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  #writing: Promise<void> | undefined;
  #checkpointing: Promise<void> = Promise.resolve();

  constructor(options: SpoolOptions) {
    this.#dir = options.dir;
    this.#segmentBytes = options.segmentBytes ?? 1024 * 1024;
  }

  /** Opens the spool and answers the records spooled but never confirmed, oldest first. */
  async recover(): Promise<SpooledRecord[]> {
    await mkdir(this.#dir, { recursive: true });
    this.#shipped = await this.#readCheckpoint();
    const unshipped: SpooledRecord[] = [];
    for (const file of await this.#segments()) {
      const text = await readFile(join(this.#dir, file.name), 'utf8');
      for (const line of text.split('\n')) {
        const spooled = parseLine(line);
        if (spooled === undefined) continue; // a line torn by a crash was never confirmed to anyone
        this.#nextSeq = Math.max(this.#nextSeq, spooled.seq + 1);
        if (spooled.seq > this.#shipped) unshipped.push(spooled);
      }
    }
    this.#nextSeq = Math.max(this.#nextSeq, this.#shipped + 1);
    return unshipped.sort((a, b) => a.seq - b.seq);
  }

  /** Queues a record for the disk and answers its sequence number; `persisted()` says when it is there. */
  append(record: OperationRecord): number {
    const seq = this.#nextSeq++;
    this.#pending.push(`${JSON.stringify({ seq, record })}\n`);
    this.#writing ??= this.#writeLoop();
    return seq;
  }

  /** Resolves once every record appended so far is on disk (fsynced); rejects if the write failed. */
  persisted(): Promise<void> {
    if (this.#pending.length === 0 && this.#writing === undefined) return Promise.resolve();
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /** Records up to `seq` are confirmed by the broker: checkpoint them and drop segments wholly shipped. */
  shipped(seq: number): Promise<void> {
    if (seq <= this.#shipped) return this.#checkpointing;
    this.#shipped = seq;
    this.#checkpointing = this.#checkpointing.then(() => this.#writeCheckpoint(seq)).catch(() => undefined);
    return this.#checkpointing;
  }

  async close(): Promise<void> {
    await this.persisted().catch(() => undefined);
    await this.#checkpointing;
    await this.#segment?.handle.close();
    this.#segment = undefined;
  }

  async #writeLoop(): Promise<void> {
    try {
      while (this.#pending.length > 0) {
        const lines = this.#pending.splice(0);
        const waiters = this.#waiters.splice(0);
        try {
          const firstSeq = (JSON.parse(lines[0]!) as { seq: number }).seq;
          const segment = await this.#currentSegment(firstSeq);
          const bytes = Buffer.from(lines.join(''));
          await segment.handle.write(bytes);
          await segment.handle.datasync();
          segment.bytes += bytes.length;
          for (const waiter of waiters) waiter.resolve();
        } catch (error) {
          for (const waiter of waiters) waiter.reject(error);
        }
      }
    } finally {
      this.#writing = undefined;
      // Waiters that arrived after the last batch was taken but found no pending line.
      for (const waiter of this.#waiters.splice(0)) waiter.resolve();
    }
  }

  async #currentSegment(firstSeq: number): Promise<{ handle: FileHandle; firstSeq: number; bytes: number }> {
    if (this.#segment !== undefined && this.#segment.bytes < this.#segmentBytes) return this.#segment;
    await this.#segment?.handle.close();
    const handle = await open(join(this.#dir, `${String(firstSeq).padStart(16, '0')}.log`), 'a');
    this.#segment = { handle, firstSeq, bytes: 0 };
    return this.#segment;
  }

  async #segments(): Promise<Array<{ name: string; firstSeq: number }>> {
    return (await readdir(this.#dir))
      .flatMap((name) => {
        const match = segmentName.exec(name);
        return match === null ? [] : [{ name, firstSeq: Number(match[1]) }];
      })
      .sort((a, b) => a.firstSeq - b.firstSeq);
  }

  async #readCheckpoint(): Promise<number> {
    try {
      const parsed = JSON.parse(await readFile(join(this.#dir, checkpointFile), 'utf8')) as { shipped?: unknown };
      return typeof parsed.shipped === 'number' ? parsed.shipped : 0;
    } catch {
      return 0;
    }
  }

  async #writeCheckpoint(seq: number): Promise<void> {
    const temporary = join(this.#dir, `${checkpointFile}.tmp`);
    await writeFile(temporary, JSON.stringify({ shipped: seq }));
    await rename(temporary, join(this.#dir, checkpointFile));
    // A segment is wholly shipped when the next one starts at or before the checkpoint + 1.
    const segments = await this.#segments();
    for (const [i, segment] of segments.entries()) {
      const next = segments[i + 1];
      if (next === undefined || next.firstSeq - 1 > seq) break;
      if (segment.firstSeq === this.#segment?.firstSeq) break;
      await rm(join(this.#dir, segment.name), { force: true });
    }
  }
}

function parseLine(line: string): SpooledRecord | undefined {
  if (line.trim() === '') return undefined;
  try {
    const parsed = JSON.parse(line) as Partial<SpooledRecord>;
    return typeof parsed.seq === 'number' && typeof parsed.record === 'object' && parsed.record !== null
      ? (parsed as SpooledRecord)
      : undefined;
  } catch {
    return undefined;
  }
}
