import type { SortKey } from '../validate/options.ts';
import { compareValues } from './order.ts';
import { valueAt } from './paths.ts';

/**
 * Documents in `keys` order; ties keep the order they came in (give them in `_id` order, and `_id`
 * breaks ties as the MongoDB adapter's sort does).
 */
export function sortDocuments<T>(docs: readonly T[], keys: readonly SortKey[]): T[] {
  if (keys.length === 0) return [...docs];
  return [...docs].sort((a, b) => {
    for (const key of keys) {
      const order = compareValues(valueAt(a, key.segments), valueAt(b, key.segments));
      if (order !== 0) return order * key.direction;
    }
    return 0;
  });
}
