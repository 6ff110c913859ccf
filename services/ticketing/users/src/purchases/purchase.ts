import { pendingMessage, type PendingMessage } from '@eventflow/docstore/outbox';
import { usuariosTopic, type Compra, type CompraRegistrada } from '@eventflow/ticketing-contracts';

/** CompraRegistrada for a user's new purchase, keyed by the user's pseudonym. */
export function purchaseRegistered(seudonimo: string, compra: Compra, now: Date): PendingMessage {
  const value: CompraRegistrada = { usuario_seudonimo: seudonimo, ...compra };
  return pendingMessage(usuariosTopic, { type: 'CompraRegistrada', key: seudonimo, value }, now);
}

/**
 * Whether a repeat of a purchase is the same purchase. The date is left out: a retrying caller may
 * stamp its retry anew; the event, quantity and amount may not change.
 */
export function samePurchase(a: Compra, b: Compra): boolean {
  return a.evento_id === b.evento_id && a.cantidad === b.cantidad && a.importe === b.importe;
}

/** Tickets a user has bought for one event, over their whole history. */
export function ticketsFor(compras: readonly Compra[], eventoId: string): number {
  return compras.filter((compra) => compra.evento_id === eventoId).reduce((sum, compra) => sum + compra.cantidad, 0);
}
