import { newUser, userView, type NewUser, type UserView } from '../users/user.ts';
import type { UsersDependencies, Warn } from '../users/dependencies.ts';
import { insertUser } from '../users/user-store.ts';

/**
 * Creates a user: one insert holding the user and its UsuarioCreado (the unique indexes refuse a
 * second user with the same document or email), then the message is published; if the bus is down
 * it stays in the document and the sweeper sends it later.
 */
export async function createUser(deps: UsersDependencies, input: NewUser, warn: Warn): Promise<UserView> {
  const { document, message } = newUser(input, deps.newId(), deps.now(), deps.keys);
  await insertUser(deps.users, document);
  await deps.outbox.deliver(document._id, [message], warn);
  return userView(document, deps.keys);
}
