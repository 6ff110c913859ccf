import { isDocStoreError, type DocumentCollection, type DocumentStore } from '@eventflow/docstore';
import { pseudonym, type Keyring } from '@eventflow/privacy';
import { usersErrors } from '../errors.ts';
import { userIndexes, type UserDocument } from './user.ts';

export type UserCollection = DocumentCollection<UserDocument>;

/**
 * The users collection, made with its unique indexes if missing. Users stored before pseudonyms
 * existed get theirs first (a unique index would refuse many documents without one).
 */
export async function openUserCollection(
  documents: DocumentStore,
  keyring: Keyring,
  name = 'usuarios',
): Promise<UserCollection> {
  const older = userIndexes.filter(([field]) => field !== 'claves.seudonimo');
  const before = await documents.collection<UserDocument>(name, { uniqueIndexes: older });
  await givePseudonyms(before, keyring);
  return documents.collection<UserDocument>(name, { uniqueIndexes: userIndexes });
}

async function givePseudonyms(users: UserCollection, keyring: Keyring): Promise<void> {
  for (;;) {
    const page = await users.find({ 'claves.seudonimo': { $exists: false } }, { limit: 500 });
    if (page.length === 0) return;
    for (const user of page) {
      await users.updateOne({ _id: user._id }, { $set: { 'claves.seudonimo': pseudonym(keyring, user._id) } });
    }
  }
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
