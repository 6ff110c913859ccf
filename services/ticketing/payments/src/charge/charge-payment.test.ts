// Charging a reservation (POST /internal/pagos), the service built directly in front of the provider
// simulator: once per reserva_id, concurrently too; declines; the processor down, slow or unreachable.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { eventually } from '@eventflow/eventstore/testing';
import { assertProblem } from '@eventflow/service/testing';
import { eventsOf, paymentsHarness } from '../testing/payments-harness.ts';

const newReserva = () => `res-${randomUUID()}`;
const cobrar = (reserva_id: string, importe = 25.5) => ({
  reserva_id,
  usuario_seudonimo: 'usr-1',
  importe,
  moneda: 'EUR',
});

test('charging a reservation (POST /internal/pagos)', async (t) => {
  const { payments, provider, received } = await paymentsHarness(t);
  // Each subtest leaves the simulator as it found it.
  const reset = () =>
    provider.control({ caida: false, fallar_siguientes: 0, rechazar_referencias: [], latencia_ms: '0-2' });

  await t.test(
    'a charge is captured once: 201, then 200 with the same payment, and PagoCapturado with the correlation id',
    async (st) => {
      st.after(reset);
      const reserva = newReserva();
      const correlationId = `corr-${randomUUID()}`;
      const first = await payments.charge(cobrar(reserva), { 'x-correlation-id': correlationId });
      assert.equal(first.statusCode, 201, first.text);
      assert.equal(first.body['estado'], 'capturado');
      assert.equal(first.body['reserva_id'], reserva);
      assert.equal(first.body['importe'], 25.5);
      assert.equal(first.body['moneda'], 'EUR');
      assert.match(String(first.body['cargo_id']), /^cargo_/);
      const again = await payments.charge(cobrar(reserva));
      assert.equal(again.statusCode, 200);
      assert.deepEqual(again.body, first.body);
      assert.deepEqual((await payments.get(reserva)).body, first.body);
      assert.deepEqual((await payments.getPublic(reserva)).body, first.body);
      const charges = await provider.charges(reserva);
      assert.deepEqual(
        charges.map((c) => [c['cargo_id'], c['importe'], c['estado']]),
        [[first.body['cargo_id'], 25.5, 'capturado']],
        'one charge at the processor, referenced by the reserva_id',
      );
      const message = await eventually(
        () => received.find((m) => m.key === reserva),
        'PagoCapturado on ticketing.pagos',
      );
      assert.equal(message.headers.type, 'PagoCapturado');
      assert.equal(message.headers.correlationId, correlationId);
      assert.deepEqual(message.value, {
        reserva_id: reserva,
        pago_id: first.body['pago_id'],
        importe: 25.5,
        moneda: 'EUR',
        estado: 'capturado',
      });
      // While the processor is down a repeat still answers: it never calls the processor again.
      await provider.control({ caida: true });
      assert.equal((await payments.charge(cobrar(reserva))).statusCode, 200);
    },
  );

  await t.test(
    '20 simultaneous identical charges: one 201, nineteen 200, one charge at the processor, one event',
    async () => {
      const reserva = newReserva();
      const answers = await Promise.all(Array.from({ length: 20 }, () => payments.charge(cobrar(reserva, 80))));
      assert.deepEqual(
        answers.map((a) => a.statusCode).sort(),
        [...Array<number>(19).fill(200), 201],
        answers.map((a) => a.text).join('\n'),
      );
      assert.equal(new Set(answers.map((a) => a.body['pago_id'])).size, 1);
      assert.equal((await provider.charges(reserva)).length, 1);
      // The refund's event comes after any duplicate of the capture's on the reservation's partition.
      assert.equal((await payments.refund(reserva)).statusCode, 200);
      await eventually(() => eventsOf(received, reserva).length >= 2, 'the capture and refund events');
      assert.deepEqual(eventsOf(received, reserva), ['PagoCapturado', 'PagoReembolsado']);
    },
  );

  await t.test(
    'a decline is 402 PAGO.RECHAZADO, recorded and published once; a repeat answers 402 without calling the processor',
    async (st) => {
      st.after(reset);
      const reserva = newReserva();
      await provider.control({ rechazar_referencias: [reserva] });
      const declined = assertProblem(await payments.charge(cobrar(reserva)), { status: 402, code: 'PAGO.RECHAZADO' });
      assert.equal(declined['reserva_id'], reserva);
      const stored = await payments.get(reserva);
      assert.equal(stored.body['estado'], 'rechazado');
      assert.match(String(stored.body['motivo']), /declined/);
      await provider.control({ caida: true, rechazar_referencias: [] });
      assertProblem(await payments.charge(cobrar(reserva)), { status: 402, code: 'PAGO.RECHAZADO' });
      await eventually(() => eventsOf(received, reserva).length >= 1, 'PagoRechazado');
      const message = received.find((m) => m.key === reserva);
      assert.equal(message?.value.estado, 'rechazado');
      assert.equal(typeof message?.value.motivo, 'string');
    },
  );

  await t.test(
    'the processor down: 503 PAGO.PROVEEDOR_NO_DISPONIBLE with Retry-After, the payment pending; then captured once',
    async (st) => {
      st.after(reset);
      const reserva = newReserva();
      await provider.control({ caida: true });
      const down = assertProblem(await payments.charge(cobrar(reserva)), {
        status: 503,
        code: 'PAGO.PROVEEDOR_NO_DISPONIBLE',
      });
      assert.equal(typeof down['retryAfterSeconds'], 'number');
      const answer = await payments.charge(cobrar(reserva));
      assert.ok(Number(answer.headers['retry-after']) >= 1, 'Retry-After');
      assert.equal((await payments.get(reserva)).body['estado'], 'pendiente');
      assert.deepEqual(await provider.charges(reserva), []);
      assert.deepEqual(eventsOf(received, reserva), []);
      await provider.control({ caida: false });
      // The circuit may be open for a moment after the failures: the saga retries, so does this test.
      const captured = await eventually(async () => {
        const retried = await payments.charge(cobrar(reserva));
        return retried.statusCode === 201 ? retried : undefined;
      }, 'the charge to go through once the processor is back');
      assert.equal(captured.body['estado'], 'capturado');
      assert.equal((await provider.charges(reserva)).length, 1);
    },
  );

  await t.test('one failed try is tried again with the same Idempotency-Key: 201 and one charge', async (st) => {
    st.after(reset);
    const reserva = newReserva();
    await provider.control({ fallar_siguientes: 1 });
    assert.equal((await payments.charge(cobrar(reserva))).statusCode, 201);
    assert.equal((await provider.settings()).fallar_siguientes, 0, 'the failure was used up');
    assert.equal((await provider.charges(reserva)).length, 1);
  });

  await t.test('the same reserva_id with another amount, currency or user is 409 PAGO.CONFLICTO', async () => {
    const reserva = newReserva();
    assert.equal((await payments.charge(cobrar(reserva, 10))).statusCode, 201);
    for (const other of [
      cobrar(reserva, 11),
      { ...cobrar(reserva, 10), moneda: 'USD' },
      { ...cobrar(reserva, 10), usuario_seudonimo: 'u2' },
    ]) {
      assertProblem(await payments.charge(other), { status: 409, code: 'PAGO.CONFLICTO' });
    }
    assert.equal((await provider.charges(reserva)).length, 1);
  });

  await t.test('bad input is a 400 problem and records nothing', async () => {
    const reserva = newReserva();
    const bodies: Array<Record<string, unknown>> = [
      { ...cobrar(reserva), importe: 0 },
      { ...cobrar(reserva), importe: -3 },
      { ...cobrar(reserva), importe: '10' },
      { ...cobrar(reserva), moneda: 'eur' },
      { ...cobrar(reserva), extra: 1 },
      { usuario_seudonimo: 'u', importe: 1, moneda: 'EUR' },
      { ...cobrar(reserva), reserva_id: 'has spaces' },
      { ...cobrar(reserva), reserva_id: '' },
    ];
    for (const body of bodies) {
      assertProblem(await payments.charge(body), { status: 400, code: 'REQUEST.VALIDATION_FAILED' });
    }
    assertProblem(await payments.charge(cobrar(reserva, 1.005)), { status: 400, code: 'PAGO.IMPORTE_INVALIDO' });
    assertProblem(await payments.get(reserva), { status: 404, code: 'PAGO.NO_EXISTE' });
    assertProblem(await payments.getPublic(reserva), { status: 404, code: 'PAGO.NO_EXISTE' });
    assert.equal((await payments.refund('has spaces')).statusCode, 400);
    for (const query of ['limit=501', 'limit=0', 'estado=perdido', 'after=a%20b']) {
      assert.equal((await payments.list(query)).statusCode, 400, query);
    }
    assert.deepEqual(await provider.charges(reserva), []);
  });
});

test('a processor slower than the timeout: 503 and pending; once it is fast again, one charge', async (t) => {
  const { payments, provider } = await paymentsHarness(t, {
    payments: { providerTimeoutMs: 100, providerAttempts: 1 },
  });
  const reserva = newReserva();
  await provider.control({ latencia_ms: '2000-2000' });
  assertProblem(await payments.charge(cobrar(reserva)), { status: 503, code: 'PAGO.PROVEEDOR_NO_DISPONIBLE' });
  assert.equal((await payments.get(reserva)).body['estado'], 'pendiente');
  await provider.control({ latencia_ms: '0-1' });
  assert.equal((await payments.charge(cobrar(reserva))).statusCode, 201);
  assert.equal((await provider.charges(reserva)).length, 1);
});

test('a processor that cannot be reached: 503 PAGO.PROVEEDOR_NO_DISPONIBLE', async (t) => {
  const { payments } = await paymentsHarness(t, { payments: { providerUrl: 'http://127.0.0.1:9' } });
  const reserva = newReserva();
  assertProblem(await payments.charge(cobrar(reserva)), { status: 503, code: 'PAGO.PROVEEDOR_NO_DISPONIBLE' });
  assert.equal((await payments.get(reserva)).body['estado'], 'pendiente');
});
