import { usersErrors } from '../errors.ts';
import type { UsersDependencies } from '../users/dependencies.ts';
import { ticketsFor } from './purchase.ts';

/**
 * How many tickets the user has bought for the event. Read from the store, not the cache: the
 * reservation chain checks its per-user limit with it, and a limit check wants the latest count.
 */
export async function ticketsBought(
  deps: UsersDependencies,
  usuarioId: string,
  eventoId: string,
): Promise<{ evento_id: string; entradas: number }> {
  const user = await deps.users.findOne({ _id: usuarioId });
  if (user === null) throw usersErrors.notFound(usuarioId);
  return { evento_id: eventoId, entradas: ticketsFor(user.compras, eventoId) };
}
