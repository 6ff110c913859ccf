import { docStoreError } from '../errors.ts';
import type { Clause } from '../validate/filter.ts';
import { isIndexSegment } from '../validate/paths.ts';
import type { Change } from '../validate/update.ts';
import { isPlainObject } from '../validate/values.ts';

type Container = Record<string, unknown> | unknown[];

/** The document after `changes`, as MongoDB applies them; `doc` itself is left as it was. */
export function applyUpdate<T>(collection: string, doc: T, changes: readonly Change[]): T {
  const next = structuredClone(doc);
  for (const change of changes) applyChange(collection, next, change);
  return next;
}

/**
 * The document an upsert starts from: the filter's equality fields (`$eq` or a bare value), dotted
 * paths made into sub-documents; the update is applied to it next.
 */
export function upsertSeed(collection: string, clauses: readonly Clause[]): Record<string, unknown> {
  const seed: Record<string, unknown> = {};
  for (const clause of clauses) {
    if (clause.operator !== '$eq') continue;
    applyChange(collection, seed, {
      operator: '$set',
      path: clause.path,
      segments: clause.segments,
      value: clause.operand,
    });
  }
  return seed;
}

function applyChange(collection: string, doc: unknown, change: Change): void {
  const last = change.segments.at(-1) ?? '';
  const parent =
    change.operator === '$unset' ? existingParent(doc, change.segments) : parentOf(collection, doc, change);
  if (parent === undefined) return;
  const current = read(parent, last);
  if (change.operator === '$unset' && current === undefined) return;
  switch (change.operator) {
    case '$set':
      return write(parent, last, structuredClone(change.value));
    case '$unset':
      return Array.isArray(parent) ? write(parent, last, null) : void delete parent[last];
    case '$inc':
      if (current !== undefined && typeof current !== 'number') throw cannot(collection, change, 'a number');
      return write(parent, last, (current ?? 0) + change.value);
    case '$push':
      if (current === undefined) return write(parent, last, [structuredClone(change.value)]);
      if (!Array.isArray(current)) throw cannot(collection, change, 'an array');
      return void current.push(structuredClone(change.value));
  }
}

/** The object or array holding the path's last segment, made on the way where missing. */
function parentOf(collection: string, doc: unknown, change: Change): Container {
  let current = doc;
  for (const segment of change.segments.slice(0, -1)) {
    if (!isContainer(current) || (Array.isArray(current) && !isIndexSegment(segment))) {
      throw cannot(collection, change, 'reachable (it runs through a value that is not a sub-document)');
    }
    if (read(current, segment) === undefined) write(current, segment, {});
    current = read(current, segment);
  }
  if (!isContainer(current) || (Array.isArray(current) && !isIndexSegment(change.segments.at(-1) ?? ''))) {
    throw cannot(collection, change, 'reachable (it runs through a value that is not a sub-document)');
  }
  return current;
}

function existingParent(doc: unknown, segments: readonly string[]): Container | undefined {
  let current = doc;
  for (const segment of segments.slice(0, -1)) {
    if (!isContainer(current)) return undefined;
    current = read(current, segment);
  }
  return isContainer(current) ? current : undefined;
}

function isContainer(value: unknown): value is Container {
  return Array.isArray(value) || isPlainObject(value);
}

function read(container: Container, segment: string): unknown {
  if (Array.isArray(container)) return isIndexSegment(segment) ? container[Number(segment)] : undefined;
  return Object.hasOwn(container, segment) ? container[segment] : undefined;
}

function write(container: Container, segment: string, value: unknown): void {
  if (!Array.isArray(container)) {
    container[segment] = value;
    return;
  }
  const index = Number(segment);
  while (container.length < index) container.push(null);
  container[index] = value;
}

function cannot(collection: string, change: Change, what: string) {
  return docStoreError(
    'DOCSTORE.INVALID_UPDATE',
    `${collection}: ${change.operator} ${change.path}: it is not ${what}`,
    {
      collection,
      path: change.path,
    },
  );
}
