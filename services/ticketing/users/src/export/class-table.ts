// Equivalence classes and how many distinct users and rows each holds: the export's only state.
// It grows with the classes (bounded by the generalisation, and capped), never with the users.
import { rowKey, type ExportRow } from './generalise.ts';

export interface ExportClass {
  readonly row: ExportRow;
  /** Distinct users with a row in the class: the k of k-anonymity is about these, not rows. */
  users: number;
  rows: number;
}

export class ClassTable {
  readonly #classes = new Map<string, ExportClass>();
  readonly #maxClasses: number;
  #overflowed = false;
  #peak = 0;

  constructor(maxClasses: number) {
    this.#maxClasses = maxClasses;
  }

  /**
   * Counts one user's rows: each class they fall in counts them once, and every row. A user's rows
   * are all in their one document, so distinct users are counted without remembering any user.
   * Past `maxClasses` the table gives up (and empties): the level is too fine for this database.
   */
  addUser(rows: readonly ExportRow[]): void {
    if (this.#overflowed) return;
    const mine = new Map<string, { row: ExportRow; rows: number }>();
    for (const row of rows) {
      const key = rowKey(row);
      const seen = mine.get(key);
      if (seen === undefined) mine.set(key, { row, rows: 1 });
      else seen.rows += 1;
    }
    for (const [key, { row, rows: count }] of mine) {
      const known = this.#classes.get(key);
      if (known !== undefined) {
        known.users += 1;
        known.rows += count;
      } else if (this.#classes.size >= this.#maxClasses) {
        this.#overflowed = true;
        this.#classes.clear();
        return;
      } else {
        this.#classes.set(key, { row, users: 1, rows: count });
        this.#peak = Math.max(this.#peak, this.#classes.size);
      }
    }
  }

  /** True once the table outgrew its cap (its counts are gone). */
  get overflowed(): boolean {
    return this.#overflowed;
  }

  get size(): number {
    return this.#classes.size;
  }

  /** The most classes it ever held (never more than its cap). */
  get peak(): number {
    return this.#peak;
  }

  classes(): IterableIterator<[string, ExportClass]> {
    return this.#classes.entries();
  }
}
