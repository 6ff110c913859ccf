import { docStoreError } from '../errors.ts';
import { splitPath } from './paths.ts';
import { isPlainObject } from './values.ts';

export type Operator = '$eq' | '$ne' | '$gt' | '$gte' | '$lt' | '$lte' | '$in' | '$nin' | '$exists';

/** A value a field is compared with for equality: a scalar, or an array of such values. */
export type EqualityOperand = string | number | boolean | null | readonly EqualityOperand[];

/** One condition on one field; a filter is all its clauses. */
export type Clause = {
  readonly path: string;
  readonly segments: readonly string[];
} & (
  | { readonly operator: '$eq' | '$ne'; readonly operand: EqualityOperand }
  | { readonly operator: '$gt' | '$gte' | '$lt' | '$lte'; readonly operand: string | number }
  | { readonly operator: '$in' | '$nin'; readonly operand: readonly EqualityOperand[] }
  | { readonly operator: '$exists'; readonly operand: boolean }
);

const operators: ReadonlySet<string> = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists']);

/**
 * A filter as clauses, or DOCSTORE.INVALID_FILTER: both adapters accept exactly the same filters. Not
 * offered: `$and`/`$or`/`$not`/`$nor`, `$regex`, `$elemMatch`, `$all`, `$size`, a whole sub-document
 * as an operand (MongoDB compares those field order included), and `undefined` anywhere (MongoDB's
 * driver would drop the field and match everything).
 */
export function parseFilter(collection: string, filter: unknown): Clause[] {
  if (!isPlainObject(filter)) throw invalid(collection, '', 'a filter must be a plain object');
  return Object.entries(filter).flatMap(([path, condition]) => {
    const segments = splitPath(path);
    if (segments === undefined) {
      throw invalid(
        collection,
        path,
        `${JSON.stringify(path)} is not a field path (top-level operators are not offered)`,
      );
    }
    return conditionClauses(collection, path, segments, condition);
  });
}

function conditionClauses(collection: string, path: string, segments: readonly string[], condition: unknown): Clause[] {
  if (!isPlainObject(condition))
    return [{ path, segments, operator: '$eq', operand: equality(collection, path, condition) }];
  const entries = Object.entries(condition);
  if (entries.length === 0 || entries.some(([key]) => !operators.has(key))) {
    throw invalid(collection, path, `${path}: only ${[...operators].join(' ')} (a sub-document is not an operand)`);
  }
  return entries.map(([operator, operand]) => clause(collection, path, segments, operator as Operator, operand));
}

function clause(
  collection: string,
  path: string,
  segments: readonly string[],
  operator: Operator,
  operand: unknown,
): Clause {
  switch (operator) {
    case '$eq':
    case '$ne':
      return { path, segments, operator, operand: equality(collection, path, operand) };
    case '$in':
    case '$nin':
      if (!Array.isArray(operand)) throw invalid(collection, path, `${path}: ${operator} takes an array`);
      return { path, segments, operator, operand: operand.map((value) => equality(collection, path, value)) };
    case '$exists':
      if (typeof operand !== 'boolean') throw invalid(collection, path, `${path}: $exists takes true or false`);
      return { path, segments, operator, operand };
    default:
      if (typeof operand === 'string' || (typeof operand === 'number' && Number.isFinite(operand))) {
        return { path, segments, operator, operand };
      }
      throw invalid(collection, path, `${path}: ${operator} compares with a number or a string`);
  }
}

function equality(collection: string, path: string, operand: unknown): EqualityOperand {
  if (operand === null || typeof operand === 'string' || typeof operand === 'boolean') return operand;
  if (typeof operand === 'number' && Number.isFinite(operand)) return operand;
  if (Array.isArray(operand)) return operand.map((element) => equality(collection, path, element));
  throw invalid(collection, path, `${path}: ${describe(operand)} is not an operand (scalars and arrays of them)`);
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (isPlainObject(value)) return 'a sub-document';
  if (typeof value === 'object' && value !== null) return `a ${value.constructor.name}`;
  return typeof value === 'number' ? String(value) : typeof value;
}

function invalid(collection: string, path: string, message: string) {
  return docStoreError('DOCSTORE.INVALID_FILTER', `${collection}: ${message}`, { collection, path });
}
