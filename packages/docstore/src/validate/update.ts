import { docStoreError } from '../errors.ts';
import { overlaps, splitPath } from './paths.ts';
import { isPlainObject, jsonProblem } from './values.ts';

export type UpdateOperator = '$set' | '$unset' | '$inc' | '$push';

/** One change of an update, its path split. */
export type Change = { readonly path: string; readonly segments: readonly string[] } & (
  | { readonly operator: '$set' | '$push'; readonly value: unknown }
  | { readonly operator: '$inc'; readonly value: number }
  | { readonly operator: '$unset' }
);

const updateOperators: ReadonlySet<string> = new Set(['$set', '$unset', '$inc', '$push']);

/**
 * An update as changes, or DOCSTORE.INVALID_UPDATE: operators only ($set $unset $inc $push; no
 * replacement document), never `_id`, no two changes on overlapping paths (MongoDB refuses those),
 * storable JSON values, and `$push` of one value (no `$each`/`$slice`).
 */
export function parseUpdate(collection: string, update: unknown): Change[] {
  if (!isPlainObject(update) || Object.keys(update).length === 0) {
    throw invalid(collection, '', 'an update is an object of operators ($set $unset $inc $push)');
  }
  const changes = Object.entries(update).flatMap(([operator, fields]) => {
    if (!updateOperators.has(operator) || !isPlainObject(fields)) {
      throw invalid(collection, '', `${operator} is not an update operator with fields ($set $unset $inc $push)`);
    }
    return Object.entries(fields).map(([path, value]) => change(collection, operator as UpdateOperator, path, value));
  });
  checkNoOverlap(collection, changes);
  return changes;
}

function change(collection: string, operator: UpdateOperator, path: string, value: unknown): Change {
  const segments = splitPath(path);
  if (segments === undefined) throw invalid(collection, path, `${JSON.stringify(path)} is not a field path`);
  if (segments[0] === '_id') throw invalid(collection, path, '_id never changes');
  switch (operator) {
    case '$unset':
      return { path, segments, operator };
    case '$inc':
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw invalid(collection, path, `$inc ${path} by a number`);
      return { path, segments, operator, value };
    default:
      checkValue(collection, operator, path, value);
      return { path, segments, operator, value };
  }
}

function checkValue(collection: string, operator: '$set' | '$push', path: string, value: unknown): void {
  if (value === undefined) throw invalid(collection, path, `${operator} ${path} to undefined (use $unset)`);
  if (operator === '$push' && isPlainObject(value) && Object.keys(value).some((key) => key.startsWith('$'))) {
    throw invalid(collection, path, '$push takes one value ($each and its modifiers are not offered)');
  }
  const problem = jsonProblem(value, path);
  if (problem !== undefined) throw invalid(collection, problem.path, `${problem.path} is ${problem.reason}`);
}

function checkNoOverlap(collection: string, changes: readonly Change[]): void {
  changes.forEach((a, i) => {
    const clash = changes.slice(i + 1).find((b) => overlaps(a.segments, b.segments));
    if (clash !== undefined) throw invalid(collection, a.path, `${a.path} and ${clash.path} overlap in one update`);
  });
}

function invalid(collection: string, path: string, message: string) {
  return docStoreError('DOCSTORE.INVALID_UPDATE', `${collection}: ${message}`, { collection, path });
}
