// The anonymiser: two passes over the users, in pages, and the classes that may be exported.
// Pass 1 counts every user at every event level and decides each event's level (plan.ts); pass 2
// counts the classes as they will be exported; only classes of at least k distinct users are
// written, every row of a class saying the same thing. Memory: the class tables, capped; never a user.
import { ClassTable, type ExportClass } from './class-table.ts';
import { eventLevels, generalise, poolLevel, type ExportRow, type ExportedUser, type Level } from './generalise.ts';
import { planLevels } from './plan.ts';

export interface AnonymiseOptions {
  /** Every exported row is shared by at least k distinct users. */
  readonly k: number;
  /** The cap of each level's class table; a level whose classes outgrow it is not used. @default 100000 */
  readonly maxClasses?: number;
  /** The share of an event's rows a level may suppress and still be chosen for it. @default 0.05 */
  readonly suppressionBudget?: number;
}

export interface Anonymised {
  /** The classes written: each with users ≥ k, in no order of the users. */
  readonly classes: readonly ExportClass[];
  /** Users read by the second pass (the one exported). */
  readonly users: number;
  readonly rows: number;
  /** Rows (purchases, or users without any) in classes of fewer than k users: not written. */
  readonly suppressedRows: number;
  readonly suppressedClasses: number;
  /** The most classes any table held at once (≤ maxClasses per level). */
  readonly largestTable: number;
  /** Event levels too fine for this database (their tables overflowed). */
  readonly overflowedLevels: readonly number[];
}

/** `read` is called once per pass and yields every user (the store, page by page). */
export async function anonymise(
  read: () => AsyncIterable<ExportedUser> | Iterable<ExportedUser>,
  options: AnonymiseOptions,
): Promise<Anonymised> {
  const maxClasses = options.maxClasses ?? 100_000;
  const tables = eventLevels.map(() => new ClassTable(maxClasses));
  for await (const user of read()) {
    for (const level of eventLevels) tables[level]?.addUser(rowsAt(() => level, user));
  }
  const plan = planLevels(tables, options.k, options.suppressionBudget ?? 0.05);
  const overflowedLevels = eventLevels.filter((level) => tables[level]?.overflowed);
  const largestFirst = Math.max(0, ...tables.map((table) => table.peak));
  tables.length = 0;

  // Every exported class is one of some level's classes (or the pool's, one per year): bounded too.
  const exported = new ClassTable(maxClasses * (eventLevels.length + 1));
  let users = 0;
  for await (const user of read()) {
    exported.addUser(rowsAt((event) => plan.get(event) ?? poolLevel, user));
    users += 1;
  }
  if (exported.overflowed) throw new Error('export: more classes than the levels allow');
  return {
    ...split(exported, options.k),
    users,
    largestTable: Math.max(largestFirst, exported.peak),
    overflowedLevels,
  };
}

/** A user's rows: one per purchase, or one without a purchase; each at its event's level. */
export function rowsAt(levelOf: (event: string | null) => Level, user: ExportedUser): ExportRow[] {
  if (user.compras.length === 0) return [generalise(levelOf(null), user, undefined)];
  return user.compras.map((compra) => generalise(levelOf(compra.evento_id), user, compra));
}

function split(table: ClassTable, k: number) {
  const classes: ExportClass[] = [];
  let rows = 0;
  let suppressedRows = 0;
  let suppressedClasses = 0;
  for (const [, counted] of table.classes()) {
    if (counted.users >= k) {
      classes.push(counted);
      rows += counted.rows;
    } else {
      suppressedRows += counted.rows;
      suppressedClasses += 1;
    }
  }
  return { classes, rows, suppressedRows, suppressedClasses };
}
