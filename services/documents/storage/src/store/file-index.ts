import { dateOf, type StoredFile } from './stored-file.ts';

/** How many files one date folder holds. */
export interface DateCount {
  readonly date: string;
  readonly count: number;
}

/** Stored files by correlation id and by date, so that lookups never scan the disk. */
export class FileIndex {
  readonly #byId = new Map<string, StoredFile>();
  readonly #byDate = new Map<string, Map<string, StoredFile>>();

  get size(): number {
    return this.#byId.size;
  }

  get(correlationId: string): StoredFile | undefined {
    return this.#byId.get(correlationId);
  }

  add(file: StoredFile): void {
    this.#byId.set(file.correlationId, file);
    const date = dateOf(file);
    const files = this.#byDate.get(date) ?? new Map<string, StoredFile>();
    files.set(file.correlationId, file);
    this.#byDate.set(date, files);
  }

  /** The files of one date, oldest stored first. */
  onDate(date: string): StoredFile[] {
    const files = [...(this.#byDate.get(date)?.values() ?? [])];
    return files.sort((a, b) => a.storedAt.localeCompare(b.storedAt) || a.correlationId.localeCompare(b.correlationId));
  }

  /** Every date that holds files, newest first. */
  dates(): DateCount[] {
    return [...this.#byDate]
      .map(([date, files]) => ({ date, count: files.size }))
      .sort((a, b) => b.date.localeCompare(a.date));
  }
}
