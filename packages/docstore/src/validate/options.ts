import { docStoreError, indexName } from '../errors.ts';
import type { CollectionOptions, FindOptions, Sort } from '../port.ts';
import { splitPath } from './paths.ts';

const legalName = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Names both MongoDB and PostgreSQL take as they are (PostgreSQL's limit is 63 bytes). */
export function checkCollectionName(name: string): string {
  if (!legalName.test(name) || name.startsWith('system')) {
    throw docStoreError(
      'DOCSTORE.INVALID_ARGUMENT',
      `illegal collection name ${JSON.stringify(name)}: letters, digits and _, at most 63, not system…`,
      { argument: 'name' },
    );
  }
  return name;
}

/** A unique index as both adapters declare it. */
export interface UniqueIndex {
  /** MongoDB's default name for it (`email_1`, `a.b_1_c_1`). */
  readonly name: string;
  readonly fields: readonly string[];
  readonly segments: readonly (readonly string[])[];
}

export function uniqueIndexes(options: CollectionOptions = {}): UniqueIndex[] {
  return (options.uniqueIndexes ?? []).map((fields) => {
    const segments = fields.map((field) => splitPath(field));
    if (fields.length === 0 || segments.some((s) => s === undefined) || new Set(fields).size !== fields.length) {
      throw docStoreError('DOCSTORE.INVALID_ARGUMENT', `illegal unique index ${JSON.stringify(fields)}`, {
        argument: 'uniqueIndexes',
      });
    }
    return { name: indexName(fields), fields: [...fields], segments: segments.filter((s) => s !== undefined) };
  });
}

/** A sort key, split. */
export interface SortKey {
  readonly path: string;
  readonly segments: readonly string[];
  readonly direction: 1 | -1;
}

export interface CheckedFindOptions {
  readonly sort: readonly SortKey[];
  readonly limit: number | undefined;
  readonly skip: number;
}

export function checkFindOptions(options: FindOptions = {}): CheckedFindOptions {
  const { limit, skip = 0 } = options;
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) {
    throw docStoreError('DOCSTORE.INVALID_ARGUMENT', `limit must be a positive integer, not ${limit}`, {
      argument: 'limit',
    });
  }
  if (!Number.isSafeInteger(skip) || skip < 0) {
    throw docStoreError('DOCSTORE.INVALID_ARGUMENT', `skip must be a non-negative integer, not ${skip}`, {
      argument: 'skip',
    });
  }
  return { sort: sortKeys(options.sort ?? {}), limit, skip };
}

function sortKeys(sort: Sort): SortKey[] {
  return Object.entries(sort).map(([path, direction]) => {
    const segments = splitPath(path);
    if (segments === undefined || (direction !== 1 && direction !== -1)) {
      throw docStoreError('DOCSTORE.INVALID_ARGUMENT', `illegal sort ${JSON.stringify({ [path]: direction })}`, {
        argument: 'sort',
      });
    }
    return { path, segments, direction };
  });
}
