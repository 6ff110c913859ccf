import { usersErrors } from '../errors.ts';
import type { UsersDependencies } from '../users/dependencies.ts';
import { ticketsFor } from './purchase.ts';

/**
 * How many tickets the user with this pseudonym has bought for the event. Read from the store, not the cache: the
 * reservation chain checks its per-user limit with it, and a limit check wants the latest count.
 */
export async function ticketsBought(
  deps: UsersDependencies,
  seudonimo: string,
  eventoId: string,
): Promise<{ evento_id: string; entradas: number }> {
  const user = await deps.users.findOne({ 'claves.seudonimo': seudonimo });
  if (user === null) throw usersErrors.noPseudonym(seudonimo);
  return { evento_id: eventoId, entradas: ticketsFor(user.compras, eventoId) };
}
