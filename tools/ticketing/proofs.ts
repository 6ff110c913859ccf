// Ticketing's proofs (issue 10), the same checks on the embedded platform (proofs.test.ts) and on
// the distributed one over Kafka, PostgreSQL, MongoDB and Redis (proofs.int.test.ts).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  audit,
  awaitSettled,
  createEvent,
  createUsers,
  listReservations,
  sendCrowd,
} from '@eventflow/ticketing/driver';

/** Checks the books of an event whose reservations have all ended. */
export async function assertBooksBalance(gateway: string, eventoId: string, aforo: number): Promise<void> {
  const books = await audit(gateway, eventoId);
  assert.equal(books.reservas.pendiente, 0, 'no saga left unfinished');
  assert.ok(books.vendidas <= aforo, `sold ${books.vendidas} of ${aforo}`);
  assert.equal(books.oversold, 0);
  assert.equal(books.retenidas, 0, 'no seat left held once every saga ended');
  assert.equal(books.vendidas + books.disponibles, aforo, 'sold + available = capacity');
  assert.equal(books.entradasConfirmadas, books.vendidas, 'every sold seat belongs to a confirmed reservation');
  // Payments: each confirmed reservation exactly one captured payment; each failed one none or a refund.
  const reservas = await listReservations(gateway, eventoId);
  const byReservation = await Promise.all(
    reservas.map(async (r) => {
      const response = await fetch(`${gateway}/api/pagos/${r.reserva_id}`);
      const pago = response.status === 404 ? undefined : ((await response.json()) as { estado: string });
      const { cargos: charges } = (await (
        await fetch(`${gateway}/api/proveedor-pagos/cargos?referencia=${r.reserva_id}`)
      ).json()) as { cargos: Array<{ estado: string }> };
      return { r, pago, charges };
    }),
  );
  for (const { r, pago, charges } of byReservation) {
    if (r.estado === 'confirmada') {
      assert.equal(pago?.estado, 'capturado', `confirmed ${r.reserva_id} has its payment captured`);
      assert.equal(charges.length, 1, `confirmed ${r.reserva_id}: one charge at the provider`);
      assert.equal(charges[0]?.estado, 'capturado');
    } else {
      assert.equal(r.estado, 'fallida');
      assert.ok(
        pago === undefined || ['rechazado', 'reembolsado', 'sin_cargo'].includes(pago.estado),
        `failed ${r.reserva_id}: no payment kept (${pago?.estado})`,
      );
      assert.ok(
        charges.every((c) => c.estado !== 'capturado'),
        `failed ${r.reserva_id}: nothing left captured at the provider`,
      );
    }
  }
}

export interface CrowdProof {
  readonly requests: number;
  readonly aforo: number;
  readonly usuarios: number;
  readonly concurrency?: number;
}

/** The crowd proof: many buyers, fewer seats, a fifth of the payments declined by the provider. */
export async function crowdProof(gateway: string, proof: CrowdProof): Promise<void> {
  const usuarios = await createUsers(gateway, proof.usuarios, randomUUID().slice(0, 8));
  const eventoId = await createEvent(gateway, proof.aforo, { max_entradas_por_usuario: 100 });
  const crowd = await sendCrowd(gateway, {
    requests: proof.requests,
    usuarios,
    evento_id: eventoId,
    ...(proof.concurrency === undefined ? {} : { concurrency: proof.concurrency }),
  });
  const unexpected = Object.keys(crowd.byStatus).filter((s) => !['201', '202', '402', '409', '503'].includes(s));
  assert.deepEqual(unexpected, [], `answers: ${JSON.stringify(crowd.byStatus)} ${JSON.stringify(crowd.errors)}`);
  process.stderr.write(`crowd: ${JSON.stringify(crowd.byStatus)} in ${Math.round(crowd.elapsedMs)} ms\n`);
  await awaitSettled(gateway, eventoId, { timeoutMs: 300_000 });
  process.stderr.write(`books: ${JSON.stringify(await audit(gateway, eventoId))}\n`);
  await assertBooksBalance(gateway, eventoId, proof.aforo);
  const books = await audit(gateway, eventoId);
  assert.ok(books.reservas.fallida > 0, 'some payments were declined (the provider declines a fifth)');
  assert.ok(books.vendidas > 0);
}

/**
 * The per-user limit under concurrency: a few buyers each send many requests at once for an event
 * that lets a person buy 2; none ends with more than 2 tickets confirmed or in progress, whatever the
 * interleaving (the limit is checked again under a lock of the user's seats of the event).
 */
export async function perUserLimitProof(gateway: string, buyers = 4, each = 10): Promise<void> {
  const usuarios = await createUsers(gateway, buyers, randomUUID().slice(0, 8));
  const eventoId = await createEvent(gateway, buyers * each, { max_entradas_por_usuario: 2 });
  const answers = await Promise.all(
    usuarios.flatMap((usuario_id) =>
      Array.from({ length: each }, async () => {
        const response = await fetch(`${gateway}/api/reservar`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ usuario_id, evento_id: eventoId, cantidad: 1 }),
        });
        const body = (await response.json()) as { code?: string };
        return `${response.status}${response.status >= 400 ? ` ${body.code}` : ''}`;
      }),
    ),
  );
  const tally: Record<string, number> = {};
  for (const answer of answers) tally[answer] = (tally[answer] ?? 0) + 1;
  const expected = ['201', '202', '402 RESERVA.PAGO_RECHAZADO', '409 RESERVA.LIMITE_POR_USUARIO'];
  assert.deepEqual(
    Object.keys(tally).filter((answer) => !expected.includes(answer)),
    [],
    `answers: ${JSON.stringify(tally)}`,
  );
  assert.ok((tally['409 RESERVA.LIMITE_POR_USUARIO'] ?? 0) > 0, 'the limit refused some');
  await awaitSettled(gateway, eventoId, { timeoutMs: 120_000 });
  // Reservations know each buyer by pseudonym only: one pseudonym per buyer, none over the limit.
  const held = new Map<string, number>();
  for (const r of await listReservations(gateway, eventoId)) {
    held.set(r.usuario_seudonimo, (held.get(r.usuario_seudonimo) ?? 0) + (r.estado === 'fallida' ? 0 : r.cantidad));
  }
  assert.ok(held.size <= buyers, `${held.size} pseudonyms for ${buyers} buyers`);
  for (const [seudonimo, seats] of held) {
    assert.ok(
      seats <= 2,
      `buyer ${seudonimo} holds ${seats} tickets of an event that allows 2 (${JSON.stringify(tally)})`,
    );
    assert.ok(!usuarios.includes(seudonimo), 'a reservation names its buyer by id');
  }
  await assertBooksBalance(gateway, eventoId, buyers * each);
}
