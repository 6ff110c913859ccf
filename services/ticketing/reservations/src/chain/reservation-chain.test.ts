import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Answer, Clients, Evento } from '../clients.ts';
import { reservationChain } from './reservation-chain.ts';

const future = new Date(Date.now() + 86_400_000).toISOString();
const evento: Evento = {
  evento_id: 'e1',
  nombre: 'Concierto',
  fecha: future,
  estado: 'en_venta',
  precio: 12.5,
  aforo_total: 100,
  max_entradas_por_usuario: 4,
};

function clients(
  overrides: Partial<Clients> & { disponibles?: number; retenidas?: number; compradas?: number } = {},
): Clients {
  const ok = <T>(body: T): Promise<Answer<T>> => Promise.resolve({ status: 200, body });
  const missing = <T>(): Promise<Answer<T>> => Promise.resolve({ status: 404, body: {} as T, code: 'X.NO_EXISTE' });
  const unused = () => Promise.reject(new Error('not used by the chain'));
  return {
    seudonimo: (id) => (id === 'u1' ? ok({ usuario_seudonimo: 'seudonimo-de-u1' }) : missing()),
    entradasCompradas: () => Promise.resolve(overrides.compradas ?? 0),
    evento: (id) => (id === 'e1' ? ok(evento) : missing()),
    inventario: () =>
      ok({
        evento_id: 'e1',
        aforo_total: 100,
        disponibles: overrides.disponibles ?? 50,
        retenidas: overrides.retenidas ?? 0,
        vendidas: 0,
        version: 1,
      }),
    registrarCompra: unused,
    retener: unused,
    confirmar: unused,
    liberar: unused,
    cobrar: unused,
    reembolsar: unused,
    ...overrides,
  };
}

const chainWith = (c: Clients, pending = 0) =>
  reservationChain({ clients: c, pendingSeats: () => Promise.resolve(pending), defaultLimit: 6, maxPerRequest: 100 });

test('a valid request passes every handler, in order, and leaves with its price', async () => {
  const result = await chainWith(clients()).run({ usuario_id: 'u1', evento_id: 'e1', cantidad: 3 });
  assert.ok(result.ok);
  assert.equal(result.context.importe, 37.5);
  assert.equal(result.context.precio_unitario, 12.5);
  assert.equal(result.context.usuario_seudonimo, 'seudonimo-de-u1');
  assert.deepEqual(
    result.trace.map((t) => t.handler),
    [
      'validador-de-datos',
      'validador-de-usuario',
      'validador-de-evento',
      'limite-por-usuario',
      'validador-de-inventario',
      'calculador-de-precio',
    ],
  );
});

test('past the user check, the user is their pseudonym: the limit asks users and the store by it', async () => {
  const asked: string[] = [];
  const chain = reservationChain({
    clients: clients({
      entradasCompradas: (seudonimo) => {
        asked.push(`compradas:${seudonimo}`);
        return Promise.resolve(0);
      },
    }),
    pendingSeats: (seudonimo) => {
      asked.push(`pendientes:${seudonimo}`);
      return Promise.resolve(0);
    },
    defaultLimit: 6,
    maxPerRequest: 100,
  });
  assert.ok((await chain.run({ usuario_id: 'u1', evento_id: 'e1', cantidad: 1 })).ok);
  assert.deepEqual(asked.sort(), ['compradas:seudonimo-de-u1', 'pendientes:seudonimo-de-u1']);
});

test('each handler refuses with its own code and status', async () => {
  const cases: Array<[string, Promise<unknown>, string, number]> = [
    [
      'no seats asked',
      chainWith(clients()).run({ usuario_id: 'u1', evento_id: 'e1', cantidad: 0 }),
      'RESERVA.DATOS_INVALIDOS',
      400,
    ],
    [
      'unknown user',
      chainWith(clients()).run({ usuario_id: 'u2', evento_id: 'e1', cantidad: 1 }),
      'RESERVA.USUARIO_NO_EXISTE',
      404,
    ],
    [
      'unknown event',
      chainWith(clients()).run({ usuario_id: 'u1', evento_id: 'e2', cantidad: 1 }),
      'RESERVA.EVENTO_NO_EXISTE',
      404,
    ],
    [
      'past event',
      chainWith(
        clients({ evento: () => Promise.resolve({ status: 200, body: { ...evento, fecha: '2020-01-01T00:00:00Z' } }) }),
      ).run({
        usuario_id: 'u1',
        evento_id: 'e1',
        cantidad: 1,
      }),
      'RESERVA.EVENTO_PASADO',
      409,
    ],
    [
      'limit, counting purchases and reservations in progress',
      chainWith(clients({ compradas: 2 }), 1).run({ usuario_id: 'u1', evento_id: 'e1', cantidad: 2 }),
      'RESERVA.LIMITE_POR_USUARIO',
      409,
    ],
    [
      'sold out',
      chainWith(clients({ disponibles: 1 })).run({ usuario_id: 'u1', evento_id: 'e1', cantidad: 2 }),
      'RESERVA.AGOTADO',
      409,
    ],
    [
      'not free now, but held by purchases in progress that may fail: not "sold out"',
      chainWith(clients({ disponibles: 1, retenidas: 3 })).run({ usuario_id: 'u1', evento_id: 'e1', cantidad: 2 }),
      'RESERVA.ASIENTOS_RETENIDOS',
      409,
    ],
  ];
  for (const [what, running, code, status] of cases) {
    const result = (await running) as { ok: boolean; rejection?: { code: string; status: number } };
    assert.equal(result.ok, false, what);
    assert.equal(result.rejection?.code, code, what);
    assert.equal(result.rejection?.status, status, what);
  }
});
