import { newUser, userView, type NewUser, type UserView } from '../users/user.ts';
import type { UsersDependencies, Warn } from '../users/dependencies.ts';
import { insertUser } from '../users/user-store.ts';

/**
 * Creates a user: their data key first (stored wrapped, apart), then one insert holding the user,
 * sealed, and its UsuarioCreado (the unique indexes refuse a second user with the same document or
 * email: the key made for nothing is destroyed), then the message is published; if the bus is down
 * it stays in the document and the sweeper sends it later.
 */
export async function createUser(deps: UsersDependencies, input: NewUser, warn: Warn): Promise<UserView> {
  const id = deps.newId();
  const now = deps.now();
  const dataKey = await deps.dataKeys.create(id, now);
  const { document, message } = newUser(input, id, now, deps.keys, dataKey);
  try {
    await insertUser(deps.users, document);
  } catch (error) {
    await deps.dataKeys.destroy(id);
    throw error;
  }
  await deps.outbox.deliver(document._id, [message], warn);
  return userView(document, dataKey);
}
