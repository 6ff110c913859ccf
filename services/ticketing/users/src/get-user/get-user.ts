import { pseudonym } from '@eventflow/privacy';
import type { Contacto, Seudonimo } from '@eventflow/ticketing-contracts';
import { usersErrors } from '../errors.ts';
import type { UsersDependencies, Warn } from '../users/dependencies.ts';
import { cachedUser, userView, type CachedUser, type UserView } from '../users/user.ts';

/** A user as cached, read through the cache; an unknown one is a 404, an erased one a 410. */
async function livingUser(
  deps: UsersDependencies,
  usuarioId: string,
  warn: Warn,
): Promise<CachedUser & { personales: NonNullable<CachedUser['personales']> }> {
  const user = await deps.cache.read(
    usuarioId,
    async () => {
      const found = await deps.users.findOne({ _id: usuarioId });
      return found === null ? null : cachedUser(found);
    },
    warn,
  );
  if (user === null) throw usersErrors.notFound(usuarioId);
  const { personales } = user;
  if (user.borrado_en !== undefined || personales === null) throw usersErrors.erased(usuarioId);
  return { ...user, personales };
}

/** A user and their purchases, through the read-through cache; an erased one is a 410. */
export async function getUser(deps: UsersDependencies, usuarioId: string, warn: Warn): Promise<UserView> {
  const user = await livingUser(deps, usuarioId, warn);
  // No key: erased since the document was read (its key goes first), or by another instance.
  const dataKey = await deps.dataKeys.get(usuarioId);
  if (dataKey === undefined) throw usersErrors.erased(usuarioId);
  return userView(user, dataKey);
}

/**
 * The pseudonym other services know a living user by: a keyed hash of the id that only this service
 * can compute (the index key never leaves it), so their tables and topics link to no one without it.
 */
export async function pseudonymOf(deps: UsersDependencies, usuarioId: string, warn: Warn): Promise<Seudonimo> {
  await livingUser(deps, usuarioId, warn);
  return { usuario_seudonimo: pseudonym(deps.keys, usuarioId) };
}

/** How to reach the person behind a pseudonym, opened for one notification (never stored by the caller). */
export async function contactOf(deps: UsersDependencies, seudonimo: string, warn: Warn): Promise<Contacto> {
  const found = await deps.users.findOne({ 'claves.seudonimo': seudonimo });
  if (found === null) throw usersErrors.noPseudonym(seudonimo);
  const { nombre, apellido, email } = await getUser(deps, found._id, warn);
  return { usuario_seudonimo: seudonimo, nombre, apellido, email };
}
