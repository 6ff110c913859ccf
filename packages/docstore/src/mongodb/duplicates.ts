import { MongoServerError, type Collection, type Document } from 'mongodb';
import { docStoreError, indexName, type DocStoreError } from '../errors.ts';
import { valueAt } from '../evaluate/paths.ts';

/** A unique index as listIndexes reports it. */
interface Unique {
  readonly name: string;
  readonly fields: readonly string[];
}

/**
 * Whether the server refused a write on a unique index: MongoDB answers 11000; FerretDB (v1.24)
 * answers 11000 to an insert but passes PostgreSQL's unique violation (SQLSTATE 23505) through as
 * InternalError (1) to a findAndModify and to createIndexes.
 */
export function isDuplicateKey(error: unknown): error is MongoServerError {
  if (!(error instanceof MongoServerError)) return false;
  return error.code === 11000 || (error.code === 1 && error.message.includes('(SQLSTATE 23505)'));
}

/**
 * DOCSTORE.DUPLICATE naming the index: MongoDB says which (keyPattern); FerretDB does not, so the
 * index is found from the PostgreSQL index name in its message, or else (an insert) by looking up
 * which unique index already holds the document's values.
 */
export async function duplicateError(
  collection: Collection<Document>,
  error: MongoServerError,
  inserted?: Document,
): Promise<DocStoreError<'DOCSTORE.DUPLICATE'>> {
  const found = fromKeyPattern(error) ?? (await fromServerState(collection, error, inserted).catch(() => undefined));
  const index = found ?? { name: 'unknown', fields: [] };
  return docStoreError(
    'DOCSTORE.DUPLICATE',
    `${collection.collectionName}: unique index ${index.name} (${index.fields.join(', ')}) already holds that value`,
    { collection: collection.collectionName, index: index.name, fields: index.fields },
    error,
  );
}

function fromKeyPattern(error: MongoServerError): Unique | undefined {
  const pattern: unknown = error['keyPattern'] ?? error.errorResponse['keyPattern'];
  if (typeof pattern !== 'object' || pattern === null) return undefined;
  const fields = Object.keys(pattern);
  return fields.length === 0 ? undefined : { name: indexName(fields), fields };
}

async function fromServerState(
  collection: Collection<Document>,
  error: MongoServerError,
  inserted: Document | undefined,
): Promise<Unique | undefined> {
  const uniques: Unique[] = [
    { name: '_id_', fields: ['_id'] },
    ...(await collection.indexes())
      .filter((index) => index.unique === true && typeof index.name === 'string')
      .map((index) => ({ name: String(index.name), fields: Object.keys(index.key) })),
  ];
  const constraint = constraintOf(error);
  const named = constraint === undefined ? undefined : inConstraint(constraint, uniques);
  if (named !== undefined || inserted === undefined) return named;
  for (const index of uniques) {
    const filter = Object.fromEntries(
      index.fields.map((field) => [field, { $eq: valueAt(inserted, field.split('.')) ?? null }]),
    );
    if ((await collection.countDocuments(filter, { limit: 1 })) > 0) return index;
  }
  return undefined;
}

/** The PostgreSQL index name in a FerretDB message. */
function constraintOf(error: MongoServerError): string | undefined {
  return /unique (?:constraint|index) "([^"]+)"/.exec(error.message)?.[1];
}

/**
 * Which index a FerretDB PostgreSQL index name stands for. It is `<collection>_<index>_<hash>_idx`,
 * every character but a-z made `_` and the parts cut to fit 63 bytes: the index whose mangled name
 * has the longest prefix ending the name wins; a tie names none.
 */
function inConstraint(constraint: string, uniques: readonly Unique[]): Unique | undefined {
  const body = constraint.replace(/_[0-9a-f]{8}_idx$/, '');
  const scored = uniques
    .filter((index) => index.name !== '_id_')
    .map((index) => ({ index, score: endingPrefix(body, index.name.toLowerCase().replace(/[^a-z]/g, '_')) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score);
  const [best, next] = scored;
  return best === undefined || best.score === next?.score ? undefined : best.index;
}

function endingPrefix(body: string, mangled: string): number {
  for (let length = mangled.length; length > 0; length -= 1) {
    if (body.endsWith(`_${mangled.slice(0, length)}`)) return length;
  }
  return 0;
}
