import { docStoreError } from '../errors.ts';
import type { BaseDocument } from '../port.ts';
import { isPlainObject, jsonProblem } from './values.ts';

/** Refuses what an adapter could not store the same way as the other: see jsonProblem. */
export function checkDocument(collection: string, doc: unknown): asserts doc is BaseDocument {
  if (!isPlainObject(doc)) {
    throw docStoreError('DOCSTORE.INVALID_DOCUMENT', `a ${collection} document must be a plain object`, { collection });
  }
  const id = doc['_id'];
  if (typeof id !== 'string' || id === '') {
    throw docStoreError('DOCSTORE.INVALID_DOCUMENT', `a ${collection} document needs a non-empty string _id`, {
      collection,
      path: '_id',
    });
  }
  const problem = jsonProblem(doc, '');
  if (problem !== undefined) {
    throw docStoreError(
      'DOCSTORE.INVALID_DOCUMENT',
      `${collection} document ${id}: ${problem.path} is ${problem.reason}`,
      { collection, path: problem.path },
    );
  }
}
