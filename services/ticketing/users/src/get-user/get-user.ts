import { usersErrors } from '../errors.ts';
import type { UsersDependencies, Warn } from '../users/dependencies.ts';
import { cachedUser, userView, type UserView } from '../users/user.ts';

/** A user and their purchases, through the read-through cache. */
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
  return userView(user, deps.keys);
}
