// The inventory's no-double-sale proofs, run on PGlite (seats.test.ts) and on PostgreSQL
// (seats.int.test.ts): the same SQL, concurrent holds from one writer and from two (two processes).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { openEventStore } from '@eventflow/eventstore';
import type { SqlDatabase } from '@eventflow/sql';
import { SeatRefusal } from '../domain/seats.ts';
import { seatWriter, streamOf } from '../store/seat-writer.ts';

export interface SeatTarget {
  /** A database with a fresh schema for one test, closed and dropped by the caller's cleanup. */
  open(t: { after(fn: () => Promise<void>): void }): Promise<{ sql: SqlDatabase; schema: string }>;
}

async function settle<T>(work: Promise<T>[]): Promise<{ ok: T[]; refused: SeatRefusal[] }> {
  const results = await Promise.allSettled(work);
  const ok: T[] = [];
  const refused: SeatRefusal[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') ok.push(result.value);
    else if (result.reason instanceof SeatRefusal) refused.push(result.reason);
    else throw result.reason;
  }
  return { ok, refused };
}

export function seatSuite(name: string, target: SeatTarget): void {
  test(`${name}: 400 concurrent holds of 1-3 seats for 100 never hold more than 100`, async (t) => {
    const { sql, schema } = await target.open(t);
    const store = await openEventStore({ executor: sql, schema });
    const writer = seatWriter(store);
    t.after(() => writer.close());
    const evento = randomUUID();
    await writer.execute(evento, { type: 'Crear', evento_id: evento, aforo_total: 100 });
    const wanted = Array.from({ length: 400 }, (_, i) => ({ reserva_id: `r${i}`, cantidad: (i % 3) + 1 }));
    const { ok, refused } = await settle(wanted.map((w) => writer.execute(evento, { type: 'Retener', ...w })));
    assert.ok(refused.every((r) => r.code === 'INVENTARIO.AGOTADO'));
    const { state } = await writer.read(evento);
    assert.equal(state.disponibles + state.retenidas + state.vendidas, 100, 'seats conserved');
    assert.ok(state.disponibles <= 2, `the seats were taken (left: ${state.disponibles})`);
    // Read back from the store itself, not this writer's memory.
    const fresh = seatWriter(store);
    const { state: stored, version } = await fresh.read(evento);
    const held = Object.values(stored.reservas).reduce((sum, r) => sum + r.cantidad, 0);
    assert.equal(held, 100 - stored.disponibles, 'every held seat belongs to one reservation');
    assert.equal(version, ok.length + 1, 'one event per successful hold, after the creation');
  });

  test(`${name}: a hold, confirm or release sent twice applies once; a late hold after a release is refused`, async (t) => {
    const { sql, schema } = await target.open(t);
    const store = await openEventStore({ executor: sql, schema });
    const writer = seatWriter(store);
    t.after(() => writer.close());
    const evento = randomUUID();
    await writer.execute(evento, { type: 'Crear', evento_id: evento, aforo_total: 10 });
    const twice = await Promise.all([
      writer.execute(evento, { type: 'Retener', reserva_id: 'a', cantidad: 4 }),
      writer.execute(evento, { type: 'Retener', reserva_id: 'a', cantidad: 4 }),
    ]);
    assert.deepEqual(twice.map((o) => o.events.length).sort(), [0, 1]);
    assert.equal((await writer.read(evento)).state.disponibles, 6);
    await writer.execute(evento, { type: 'Confirmar', reserva_id: 'a' });
    const again = await writer.execute(evento, { type: 'Confirmar', reserva_id: 'a' });
    assert.equal(again.events.length, 0);
    assert.equal(again.state.vendidas, 4);
    await assert.rejects(writer.execute(evento, { type: 'Liberar', reserva_id: 'a' }), {
      code: 'INVENTARIO.YA_VENDIDA',
    });

    // The saga gave up on b before its hold arrived: the release leaves a tombstone.
    const released = await writer.execute(evento, { type: 'Liberar', reserva_id: 'b' });
    assert.equal(released.state.disponibles, 6, 'releasing what was never held frees nothing');
    await assert.rejects(writer.execute(evento, { type: 'Retener', reserva_id: 'b', cantidad: 1 }), {
      code: 'INVENTARIO.RESERVA_LIBERADA',
    });
    await assert.rejects(writer.execute(evento, { type: 'Confirmar', reserva_id: 'c' }), {
      code: 'INVENTARIO.SIN_RETENCION',
    });
    await assert.rejects(writer.execute(randomUUID(), { type: 'Retener', reserva_id: 'x', cantidad: 1 }), {
      code: 'INVENTARIO.NO_EXISTE',
    });
    await assert.rejects(writer.execute(evento, { type: 'Crear', evento_id: evento, aforo_total: 11 }), {
      code: 'INVENTARIO.CONFLICTO',
    });
    assert.equal(
      (await writer.execute(evento, { type: 'Crear', evento_id: evento, aforo_total: 10 })).events.length,
      0,
    );
  });

  test(`${name}: two writers (two processes) racing on one event keep the count; conflicts are decided again`, async (t) => {
    const { sql, schema } = await target.open(t);
    const store = await openEventStore({ executor: sql, schema });
    const first = seatWriter(store);
    const second = seatWriter(store);
    t.after(() => Promise.all([first.close(), second.close()]).then(() => undefined));
    const evento = randomUUID();
    await first.execute(evento, { type: 'Crear', evento_id: evento, aforo_total: 50 });
    const work = Array.from({ length: 120 }, (_, i) =>
      (i % 2 === 0 ? first : second).execute(evento, { type: 'Retener', reserva_id: `r${i}`, cantidad: 1 }),
    );
    const { ok, refused } = await settle(work);
    assert.equal(ok.length, 50, 'exactly the capacity was held');
    assert.equal(refused.length, 70);
    const events = await store.readStream(streamOf(evento));
    assert.equal(events.filter((e) => e.type === 'AsientosRetenidos').length, 50);
    const reservas = new Set(events.map((e) => (e.data as { reserva_id?: string }).reserva_id).filter(Boolean));
    assert.equal(reservas.size, 50, 'no reservation held twice');
  });
}
