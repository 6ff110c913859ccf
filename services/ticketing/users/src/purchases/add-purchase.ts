import { outboxAdditions } from '@eventflow/docstore/outbox';
import type { Compra } from '@eventflow/ticketing-contracts';
import { usersErrors } from '../errors.ts';
import type { UsersDependencies, Warn } from '../users/dependencies.ts';
import { purchaseView } from '../users/user.ts';
import { purchaseRegistered, samePurchase } from './purchase.ts';

export interface AddedPurchase {
  /** False when the purchase had been registered before (a repeat changes nothing). */
  readonly added: boolean;
  readonly compras: readonly Compra[];
}

/**
 * Adds a purchase to the history of the user with this pseudonym, once per reserva_id: one atomic conditional update pushes
 * it (with its CompraRegistrada in the outbox) only if no purchase of that reservation is there.
 * Then the user's cache entry is dropped, and the message published.
 */
export async function addPurchase(
  deps: UsersDependencies,
  seudonimo: string,
  input: Compra,
  warn: Warn,
): Promise<AddedPurchase> {
  const compra = purchaseView(input);
  const message = purchaseRegistered(seudonimo, compra, deps.now());
  const { $set, $inc } = outboxAdditions([message]);
  const updated = await deps.users.updateOne(
    { 'claves.seudonimo': seudonimo, 'compras.reserva_id': { $ne: compra.reserva_id } },
    { $push: { compras: compra }, $set, $inc },
  );
  if (updated !== null) {
    await deps.cache.invalidate(updated._id, warn);
    await deps.outbox.deliver(updated._id, [message], warn);
    return { added: true, compras: updated.compras.map(purchaseView) };
  }
  return repeated(deps, seudonimo, compra);
}

/** Nothing was pushed: the user is unknown, or already has this reservation's purchase. */
async function repeated(deps: UsersDependencies, seudonimo: string, compra: Compra): Promise<AddedPurchase> {
  const user = await deps.users.findOne({ 'claves.seudonimo': seudonimo });
  if (user === null) throw usersErrors.noPseudonym(seudonimo);
  const before = user.compras.find((c) => c.reserva_id === compra.reserva_id);
  if (before === undefined) throw new Error(`user ${seudonimo}: purchase ${compra.reserva_id} neither added nor found`);
  if (!samePurchase(before, compra)) throw usersErrors.purchaseConflict(compra.reserva_id);
  return { added: false, compras: user.compras.map(purchaseView) };
}
