// What every contender offers the phases, and their names. Kept apart from the implementations so
// that Emmett's module is loaded only in the process that measures Emmett (see contenders.ts).
import type { BenchEvent } from './payload.ts';

export type ContenderName = 'ours' | 'emmett' | 'pglite';

export const contenderLabels: Readonly<Record<ContenderName, string>> = {
  ours: 'ours (PostgreSQL)',
  emmett: 'Emmett (PostgreSQL)',
  pglite: 'ours (PGlite, embedded)',
};

export interface Contender {
  /** Appends with an expected version (0: the stream must not exist); returns the stream's new version. */
  append(streamId: string, events: readonly BenchEvent[], expected: number): Promise<number>;
  /** Reads a whole stream; returns how many events came back. */
  readStream(streamId: string): Promise<number>;
  /** A reader of the global order from the start, a page at a time; `next()` is 0 at the end. */
  readAll(pageSize: number): { next(): Promise<number> };
  close(): Promise<void>;
}

export interface ContenderTarget {
  readonly connectionString: string;
  readonly poolSize: number;
  /** PGlite only: the folder it persists to. */
  readonly dataDir: string;
}
