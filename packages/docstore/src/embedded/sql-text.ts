import { createHash } from 'node:crypto';
import type { Clause, EqualityOperand } from '../validate/filter.ts';
import { isIndexSegment } from '../validate/paths.ts';

/** A table's quoted name; both parts are checked names (letters, digits, `_`). */
export function tableName(schema: string, collection: string): string {
  return `"${schema}"."${collection}"`;
}

/** Index and constraint names: hashed, so that they stay under PostgreSQL's 63 bytes. */
export function objectName(kind: 'pk' | 'gin' | 'ux', ...parts: readonly string[]): string {
  return `ds_${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24)}_${kind}`;
}

/** The SQL of a unique index's key: each field's value, a missing field as JSON null (MongoDB's rule). */
export function indexKey(segments: readonly (readonly string[])[]): string {
  return segments
    .map((path) => `(coalesce(doc${path.map((segment) => ` -> ${literal(segment)}`).join('')}, 'null'::jsonb))`)
    .join(', ');
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The part of a filter SQL can answer from the indexes, its parameters, and whether it is all of it. */
export interface Pushdown {
  readonly where: string;
  readonly params: readonly unknown[];
  /** True when `where` selects exactly the filter's matches (no clause left for the matcher). */
  readonly exact: boolean;
}

/**
 * Pushes the equality clauses down: `_id` to the primary key, the others to one jsonpath predicate
 * (`doc @@ '$."a"."b" == "x" && …'`) the GIN index (jsonb_path_ops) answers. Lax jsonpath reads a
 * path through arrays and matches an array by its elements, as MongoDB does, so rows it drops never
 * match; containment (`doc @> '{"tags":"a"}'`) would drop `{"tags":["a"]}`, which MongoDB matches.
 */
/** `_id` ranges, on the primary key (`COLLATE "C"`: the matcher's order for ASCII ids). */
const idRange = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const;

export function pushdown(clauses: readonly Clause[]): Pushdown {
  const params: unknown[] = [];
  const conditions: string[] = [];
  const predicates: string[] = [];
  let exact = true;
  for (const clause of clauses) {
    if (clause.path === '_id' && clause.operator === '$eq' && typeof clause.operand === 'string') {
      params.push(clause.operand);
      conditions.push(`_id = $${params.length}`);
    } else if (clause.path === '_id' && clause.operator in idRange && typeof clause.operand === 'string') {
      // Keyset paging (`{ _id: { $gt: last } }` with a limit) reads one page, not the whole table.
      params.push(clause.operand);
      conditions.push(`_id ${idRange[clause.operator as keyof typeof idRange]} $${params.length}`);
    } else if (
      clause.path === '_id' &&
      clause.operator === '$in' &&
      clause.operand.every((id) => typeof id === 'string')
    ) {
      params.push(clause.operand);
      conditions.push(`_id = ANY($${params.length}::text[])`);
    } else {
      const predicate = jsonpathEquality(clause);
      if (predicate === undefined) exact = false;
      else predicates.push(predicate);
    }
  }
  if (predicates.length > 0) {
    params.push(predicates.join(' && '));
    conditions.push(`doc @@ $${params.length}::jsonpath`);
  }
  return { where: conditions.length === 0 ? 'true' : conditions.join(' AND '), params, exact };
}

function jsonpathEquality(clause: Clause): string | undefined {
  if (clause.operator !== '$eq') return undefined;
  const value = jsonpathLiteral(clause.operand);
  const pathable = clause.segments.every((segment) => !isIndexSegment(segment) && segment.isWellFormed());
  return value === undefined || !pathable
    ? undefined
    : `$${clause.segments.map((s) => `.${JSON.stringify(s)}`).join('')} == ${value}`;
}

/** A scalar as a jsonpath literal; null (which also matches a missing field) and arrays stay in TS. */
function jsonpathLiteral(operand: EqualityOperand): string | undefined {
  if (typeof operand === 'boolean') return String(operand);
  if (typeof operand === 'string') return operand.isWellFormed() ? JSON.stringify(operand) : undefined;
  if (typeof operand === 'number') return /e/i.test(String(operand)) ? undefined : String(operand);
  return undefined;
}
