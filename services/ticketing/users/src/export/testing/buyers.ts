// A database of buyers for the export's tests, made through the service's own routes (creation,
// purchases as the saga registers them, erasure), and a ticketing-like population of a few hundred.
import assert from 'node:assert/strict';
import type { Compra, Seudonimo } from '@eventflow/ticketing-contracts';
import { samplePurchase, sampleUser } from '../../testing/samples.ts';
import type { DocumentType } from '../../users/user.ts';

/** One request to the users service (through inject() or over the network). */
export type Send = (
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
) => Promise<{ readonly statusCode: number; readonly body: unknown; readonly text: string }>;

export interface Buyer {
  readonly tipo_documento: DocumentType;
  readonly compras: readonly Omit<Compra, 'reserva_id'>[];
  /** Erased (DELETE) after their purchases. */
  readonly borrar?: boolean;
}

/** Registers every buyer, ten at a time; answers their ids. */
export async function registerBuyers(send: Send, buyers: readonly Buyer[]): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < buyers.length; start += 10) {
    ids.push(...(await Promise.all(buyers.slice(start, start + 10).map((buyer) => registerBuyer(send, buyer)))));
  }
  return ids;
}

async function registerBuyer(send: Send, buyer: Buyer): Promise<string> {
  const created = await send('POST', '/api/usuarios', sampleUser({ tipo_documento: buyer.tipo_documento }));
  assert.equal(created.statusCode, 201, created.text);
  const id = (created.body as { usuario_id: string }).usuario_id;
  // Purchases are registered as the saga does: by the user's pseudonym.
  const seudonimo = (await send('GET', `/internal/usuarios/${id}/seudonimo`)).body as Seudonimo;
  for (const compra of buyer.compras) {
    const added = await send(
      'POST',
      `/internal/seudonimos/${seudonimo.usuario_seudonimo}/compras`,
      samplePurchase(compra),
    );
    assert.equal(added.statusCode, 201, added.text);
  }
  if (buyer.borrar === true) assert.equal((await send('DELETE', `/api/usuarios/${id}`)).statusCode, 200);
  return id;
}

/**
 * `n` buyers as a ticketing platform has them (seeded, the same every run): a popular concert on
 * two nights at one price, a festival with discounts, a theatre run with scattered prices and days,
 * a dozen rare events of one to four buyers, some with two events, some with none, some erased.
 */
export function ticketingPopulation(n: number, seed = 11): Buyer[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const types: readonly DocumentType[] = ['DNI', 'DNI', 'DNI', 'DNI', 'NIE', 'Pasaporte', 'Pasaporte', 'CI', 'RUT'];
  const purchase = (): Omit<Compra, 'reserva_id'> => {
    const roll = random();
    if (roll < 0.4) {
      const cantidad = pick([1, 2, 2, 2, 3, 4]);
      return {
        evento_id: 'concierto',
        cantidad,
        importe: 45 * cantidad,
        fecha: `2025-11-${pick(['14', '15'])}T21:00:00.000Z`,
      };
    }
    if (roll < 0.65) {
      const cantidad = pick([1, 2, 2, 4, 6]);
      const importe = Math.round(60 * cantidad * pick([1, 1, 0.9, 0.85]) * 100) / 100;
      return {
        evento_id: 'festival',
        cantidad,
        importe,
        fecha: `2025-07-${pick(['04', '05', '06', '11', '12'])}T18:00:00.000Z`,
      };
    }
    if (roll < 0.9) {
      const cantidad = pick([1, 2, 3]);
      const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
      return {
        evento_id: 'teatro',
        cantidad,
        importe: Math.round(cantidad * (20 + random() * 15) * 100) / 100,
        fecha: `2025-10-${day}T19:30:00.000Z`,
      };
    }
    return {
      evento_id: `raro-${Math.floor(random() * 12)}`,
      cantidad: pick([1, 2, 7]),
      importe: Math.round(random() * 40_000) / 100,
      fecha: `2025-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 10)}T12:00:00.000Z`,
    };
  };
  return Array.from({ length: n }, () => {
    const roll = random();
    const compras = roll < 0.1 ? [] : roll < 0.8 ? [purchase()] : [purchase(), purchase()];
    return { tipo_documento: pick(types), compras, borrar: random() < 0.04 };
  });
}

/** A small seeded PRNG (mulberry32): the population is the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
