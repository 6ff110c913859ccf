import { usersErrors } from '../errors.ts';
import type { UsersDependencies, Warn } from '../users/dependencies.ts';
import { cachedUser, userView, type UserView } from '../users/user.ts';

/** A user and their purchases, through the read-through cache; an erased one is a 410. */
export async function getUser(deps: UsersDependencies, usuarioId: string, warn: Warn): Promise<UserView> {
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
  // No key: erased since the document was read (its key goes first), or by another instance.
  const dataKey = await deps.dataKeys.get(usuarioId);
  if (dataKey === undefined) throw usersErrors.erased(usuarioId);
  return userView({ ...user, personales }, dataKey);
}
