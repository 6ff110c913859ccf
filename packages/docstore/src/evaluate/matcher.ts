import type { Clause, EqualityOperand } from '../validate/filter.ts';
import { compareValues, sameValue } from './order.ts';
import { valuesAt } from './paths.ts';

/**
 * Whether a document satisfies every clause, with MongoDB's semantics for JSON documents: a field
 * holding an array matches a value its elements match; `null` matches a missing field; `$ne` and
 * `$nin` match what `$eq` and `$in` do not (missing fields included); comparisons only hold between
 * values of one type (numbers with numbers, strings with strings).
 */
export function matches(doc: unknown, clauses: readonly Clause[]): boolean {
  return clauses.every((clause) => holds(valuesAt(doc, clause.segments), clause));
}

function holds(reached: readonly unknown[], clause: Clause): boolean {
  switch (clause.operator) {
    case '$exists':
      return reached.some((value) => value !== undefined) === clause.operand;
    case '$eq':
      return equals(reached, clause.operand);
    case '$ne':
      return !equals(reached, clause.operand);
    case '$in':
      return clause.operand.some((operand) => equals(reached, operand));
    case '$nin':
      return !clause.operand.some((operand) => equals(reached, operand));
    default: {
      const operand = clause.operand;
      const test = comparison(clause.operator);
      return candidates(reached).some(
        (value) => typeof value === typeof operand && test(compareValues(value, operand)),
      );
    }
  }
}

/** What a clause compares: each value reached and, for an array, each of its elements. */
function candidates(reached: readonly unknown[]): unknown[] {
  return reached.flatMap((value) => (Array.isArray(value) ? [value, ...(value as unknown[])] : [value]));
}

function equals(reached: readonly unknown[], operand: EqualityOperand): boolean {
  if (operand === null) return candidates(reached).some((value) => value === null || value === undefined);
  return candidates(reached).some((value) => sameValue(value, operand));
}

function comparison(operator: '$gt' | '$gte' | '$lt' | '$lte'): (order: number) => boolean {
  switch (operator) {
    case '$gt':
      return (order) => order > 0;
    case '$gte':
      return (order) => order >= 0;
    case '$lt':
      return (order) => order < 0;
    case '$lte':
      return (order) => order <= 0;
  }
}
