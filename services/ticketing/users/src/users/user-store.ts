import { isDocStoreError, type DocumentCollection, type DocumentStore } from '@eventflow/docstore';
import { usersErrors } from '../errors.ts';
import { userIndexes, type UserDocument } from './user.ts';

export type UserCollection = DocumentCollection<UserDocument>;

/** The users collection, made with its unique indexes if missing. */
export function openUserCollection(documents: DocumentStore, name = 'usuarios'): Promise<UserCollection> {
  return documents.collection<UserDocument>(name, { uniqueIndexes: userIndexes });
}

/**
 * Inserts a new user; a clash on a unique index is USUARIO.DUPLICADO naming which identity clashed.
 * The store's unique indexes decide, so of concurrent creations of one email exactly one succeeds.
 */
export async function insertUser(users: UserCollection, document: UserDocument): Promise<void> {
  try {
    await users.insertOne(document);
  } catch (error) {
    if (!isDocStoreError(error, 'DOCSTORE.DUPLICATE')) throw error;
    throw usersErrors.duplicate(await clashingField(users, document, error.details.fields));
  }
}

/** Which identity clashed: the index says; when the server did not say, the stored keys do. */
async function clashingField(
  users: UserCollection,
  document: UserDocument,
  fields: readonly string[],
): Promise<'documento' | 'email'> {
  if (fields.includes('claves.documento')) return 'documento';
  if (fields.includes('claves.email')) return 'email';
  const sameDocument = await users.findOne({ 'claves.documento': document.claves.documento });
  return sameDocument === null ? 'email' : 'documento';
}
