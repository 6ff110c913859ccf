// Refunding a reservation (POST /internal/pagos/{reserva_id}/reembolso): afterwards it holds no money.
// Captured → refunded; declined stays declined; never charged → 'sin_cargo' and no charge after it; pending
// (uncertain) → whatever the processor charged is refunded, and a charge landing late is refunded too.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { eventually } from '@eventflow/eventstore/testing';
import { assertProblem } from '@eventflow/service/testing';
import type { ProviderClient } from '@eventflow/ticketing-payment-provider/testing';
import { eventsOf, paymentsHarness } from '../testing/payments-harness.ts';

const newReserva = () => `res-${randomUUID()}`;
const cobrar = (reserva_id: string, importe = 40) => ({
  reserva_id,
  usuario_seudonimo: 'usr-2',
  importe,
  moneda: 'EUR',
});

/** The invariant the saga relies on: no charge of the reservation is left captured at the processor. */
async function assertNoMoneyHeld(provider: ProviderClient, reserva: string): Promise<void> {
  const held = (await provider.charges(reserva)).filter((c) => c['estado'] === 'capturado');
  assert.deepEqual(held, [], 'no captured charge left at the processor');
}

test('refunding a reservation (POST /internal/pagos/{reserva_id}/reembolso)', async (t) => {
  const { payments, provider, received } = await paymentsHarness(t);
  const reset = () => provider.control({ caida: false, fallar_siguientes: 0, rechazar_referencias: [] });

  await t.test('a captured payment is refunded at the processor once, and PagoReembolsado published', async () => {
    const reserva = newReserva();
    const charged = await payments.charge(cobrar(reserva));
    const refunded = await payments.refund(reserva, { 'x-correlation-id': `refund-${reserva}` });
    assert.equal(refunded.statusCode, 200, refunded.text);
    assert.equal(refunded.body['estado'], 'reembolsado');
    assert.equal(refunded.body['cargo_id'], charged.body['cargo_id']);
    const again = await payments.refund(reserva);
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.body, refunded.body);
    const [cargo] = await provider.charges(reserva);
    assert.equal(cargo?.['estado'], 'reembolsado');
    await eventually(() => eventsOf(received, reserva).length >= 2, 'the two events');
    assert.deepEqual(eventsOf(received, reserva), ['PagoCapturado', 'PagoReembolsado']);
    const message = received.find((m) => m.key === reserva && m.headers.type === 'PagoReembolsado');
    assert.equal(message?.headers.correlationId, `refund-${reserva}`);
    assert.equal(message?.value.estado, 'reembolsado');
    assertProblem(await payments.charge(cobrar(reserva)), { status: 409, code: 'PAGO.CANCELADO' });
  });

  await t.test('a reservation never charged: 200 sin_cargo, and a charge after it is 409 PAGO.CANCELADO', async () => {
    const reserva = newReserva();
    const refunded = await payments.refund(reserva);
    assert.equal(refunded.statusCode, 200);
    assert.equal(refunded.body['estado'], 'sin_cargo');
    assert.equal(refunded.body['importe'], 0);
    assert.equal((await payments.refund(reserva)).body['estado'], 'sin_cargo', 'idempotent');
    assertProblem(await payments.charge(cobrar(reserva)), { status: 409, code: 'PAGO.CANCELADO' });
    assert.deepEqual(await provider.charges(reserva), [], 'the late charge never reached the processor');
    assert.deepEqual(eventsOf(received, reserva), []);
  });

  await t.test(
    'a declined payment stays declined (nothing to refund), and the charge is never tried again',
    async (st) => {
      st.after(reset);
      const reserva = newReserva();
      await provider.control({ rechazar_referencias: [reserva] });
      assert.equal((await payments.charge(cobrar(reserva))).statusCode, 402);
      const refunded = await payments.refund(reserva);
      assert.equal(refunded.body['estado'], 'rechazado', 'still counted as declined in the summaries');
      assert.match(String(refunded.body['motivo']), /declined|rechaz/i, 'why nothing was charged');
      assert.equal((await payments.refund(reserva)).body['estado'], 'rechazado', 'idempotent');
      assertProblem(await payments.charge(cobrar(reserva)), { status: 402, code: 'PAGO.RECHAZADO' });
      assert.equal((await provider.charges(reserva)).length, 1, 'only the declined attempt');
    },
  );

  await t.test(
    'pending and nothing charged at the processor: sin_cargo; a charge after it never reaches the processor',
    async (st) => {
      st.after(reset);
      const reserva = newReserva();
      await provider.control({ caida: true });
      assert.equal((await payments.charge(cobrar(reserva))).statusCode, 503);
      await provider.control({ caida: false });
      const refunded = await payments.refund(reserva);
      assert.equal(refunded.statusCode, 200, refunded.text);
      assert.equal(refunded.body['estado'], 'sin_cargo');
      assertProblem(await payments.charge(cobrar(reserva)), { status: 409, code: 'PAGO.CANCELADO' });
      assert.deepEqual(await provider.charges(reserva), []);
    },
  );

  await t.test(
    'pending but charged at the processor (its answer was lost): the charge is found by reference and refunded',
    async (st) => {
      st.after(reset);
      const reserva = newReserva();
      await provider.control({ caida: true });
      assert.equal((await payments.charge(cobrar(reserva))).statusCode, 503);
      await provider.control({ caida: false });
      // The charge the processor made although payments saw it fail: same key, same reference.
      const landed = await provider.charge(`pago-${reserva}`, { importe: 40, moneda: 'EUR', referencia: reserva });
      assert.equal(landed.status, 201);
      const refunded = await payments.refund(reserva);
      assert.equal(refunded.body['estado'], 'reembolsado');
      assert.equal(refunded.body['cargo_id'], landed.body['cargo_id']);
      await assertNoMoneyHeld(provider, reserva);
      await eventually(() => eventsOf(received, reserva).length >= 2, 'the two events');
      assert.deepEqual(eventsOf(received, reserva), ['PagoCapturado', 'PagoReembolsado']);
    },
  );

  await t.test(
    'pending while the processor is down: 503, no charge from then on, settled once it is back',
    async (st) => {
      st.after(reset);
      const reserva = newReserva();
      await provider.control({ caida: true });
      assert.equal((await payments.charge(cobrar(reserva))).statusCode, 503);
      // Its look-ups still answer, its refunds do not: a charge that landed cannot be refunded yet.
      await provider.control({ caida: false });
      await provider.charge(`pago-${reserva}`, { importe: 40, moneda: 'EUR', referencia: reserva });
      await provider.control({ caida: true });
      assertProblem(await payments.refund(reserva), { status: 503, code: 'PAGO.PROVEEDOR_NO_DISPONIBLE' });
      assertProblem(await payments.charge(cobrar(reserva)), { status: 409, code: 'PAGO.CANCELADO' });
      await provider.control({ caida: false });
      await eventually(
        async () => (await payments.get(reserva)).body['estado'] === 'reembolsado',
        'the reconciler to refund the charge once the processor is back',
      );
      await assertNoMoneyHeld(provider, reserva);
    },
  );

  await t.test('a charge landing after the refund of nothing is refunded by the reconciler', async (st) => {
    st.after(reset);
    const reserva = newReserva();
    await provider.control({ caida: true });
    assert.equal((await payments.charge(cobrar(reserva))).statusCode, 503);
    await provider.control({ caida: false });
    assert.equal((await payments.refund(reserva)).body['estado'], 'sin_cargo');
    // The attempt that was still on its way reaches the processor now.
    await provider.charge(`pago-${reserva}`, { importe: 40, moneda: 'EUR', referencia: reserva });
    await eventually(
      async () => (await payments.get(reserva)).body['estado'] === 'reembolsado',
      'the late charge to be refunded',
    );
    await assertNoMoneyHeld(provider, reserva);
    await eventually(() => eventsOf(received, reserva).length >= 2, 'the two events');
    assert.deepEqual(eventsOf(received, reserva), ['PagoCapturado', 'PagoReembolsado']);
  });

  await t.test('a refund while the charge is in flight: whatever the order, no money is held', async (st) => {
    st.after(() => provider.control({ latencia_ms: '0-2' }));
    await provider.control({ latencia_ms: '100-200' });
    const reservas = Array.from({ length: 5 }, newReserva);
    await Promise.all(
      reservas.map(async (reserva) => {
        const charging = payments.charge(cobrar(reserva));
        await eventually(async () => (await payments.get(reserva)).statusCode === 200, 'the attempt to begin');
        const refunded = await payments.refund(reserva);
        assert.ok(['reembolsado', 'sin_cargo'].includes(String(refunded.body['estado'])), refunded.text);
        assert.ok([201, 409].includes((await charging).statusCode));
        await assertNoMoneyHeld(provider, reserva);
        assertProblem(await payments.charge(cobrar(reserva)), { status: 409, code: 'PAGO.CANCELADO' });
      }),
    );
  });

  await t.test('the list pages by reserva_id, of one state or all; the summary counts states and amounts', async () => {
    const prefix = `list-${randomUUID()}`;
    const captured = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`];
    for (const reserva of captured) assert.equal((await payments.charge(cobrar(reserva, 10))).statusCode, 201);
    await payments.refund(`${prefix}-c`);
    const firstPage = await payments.list(`estado=capturado&limit=1&after=${prefix}`);
    assert.equal(firstPage.statusCode, 200);
    assert.deepEqual(
      firstPage.body.pagos.map((p) => p['reserva_id']),
      [`${prefix}-a`],
    );
    const secondPage = await payments.list(`estado=capturado&limit=1&after=${firstPage.body.after}`);
    assert.deepEqual(
      secondPage.body.pagos.map((p) => p['reserva_id']),
      [`${prefix}-b`],
    );
    const all = await payments.list('limit=500');
    assert.ok(all.body.pagos.some((p) => p['reserva_id'] === `${prefix}-c` && p['estado'] === 'reembolsado'));
    const summary = (await payments.summary()).body;
    assert.equal(
      summary.total,
      Object.values(summary.por_estado).reduce((sum, n) => sum + n, 0),
    );
    assert.ok((summary.por_estado['reembolsado'] ?? 0) >= 1);
    assert.ok((summary.por_estado['capturado'] ?? 0) >= 2);
    assert.ok(summary.importes['EUR'], 'amounts per currency');
  });
});
