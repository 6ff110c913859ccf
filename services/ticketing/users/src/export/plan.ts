// Which level each event's purchases are exported at: the finest whose small classes (fewer than k
// users) hold at most the suppression budget of the event's rows. One level per event, so that an
// attacker who re-runs this rule on the full database learns nothing the counts do not say: every
// purchase of an event is in exactly one class of its level, and a class's count is all of it.
import type { ClassTable } from './class-table.ts';
import { eventLevels, type Level } from './generalise.ts';

/** Event (null: users without purchases) → its level; an event missing is pooled (level 4). */
export type Plan = ReadonlyMap<string | null, Level>;

interface Tally {
  rows: number;
  suppressed: number;
}

/** `tables[level]` counted every user at every event level in the first pass. */
export function planLevels(tables: readonly ClassTable[], k: number, suppressionBudget: number): Plan {
  const tallies = eventLevels.map((level) => tally(tables[level], k));
  const events = new Set(tallies.flatMap((byEvent) => (byEvent === undefined ? [] : [...byEvent.keys()])));
  const plan = new Map<string | null, Level>();
  for (const event of events) {
    const level = chooseLevel(
      eventLevels.map((level) => tallies[level]?.get(event)),
      suppressionBudget,
    );
    if (level !== undefined) plan.set(event, level);
  }
  return plan;
}

/** Per event, its rows and those in classes of fewer than k users; undefined for an overflowed table. */
function tally(table: ClassTable | undefined, k: number): Map<string | null, Tally> | undefined {
  if (table === undefined || table.overflowed) return undefined;
  const byEvent = new Map<string | null, Tally>();
  for (const [, { row, users, rows }] of table.classes()) {
    const seen = byEvent.get(row.evento_id) ?? { rows: 0, suppressed: 0 };
    seen.rows += rows;
    if (users < k) seen.suppressed += rows;
    byEvent.set(row.evento_id, seen);
  }
  return byEvent;
}

/**
 * The finest level within the budget; else the one suppressing least, if it keeps anything; else
 * none (the event goes to the pool). `byLevel[i]` is undefined where that level's table overflowed.
 */
export function chooseLevel(byLevel: readonly (Tally | undefined)[], suppressionBudget: number): Level | undefined {
  let best: { level: Level; suppressed: number; rows: number } | undefined;
  for (const level of eventLevels) {
    const seen = byLevel[level];
    if (seen === undefined) continue;
    if (seen.suppressed <= suppressionBudget * seen.rows) return level;
    if (best === undefined || seen.suppressed < best.suppressed) best = { level, ...seen };
  }
  return best !== undefined && best.suppressed < best.rows ? best.level : undefined;
}
