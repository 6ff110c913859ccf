// POST /api/reservar and GET /api/reservas/{id} as a client sees them through the gateway, on the
// embedded platform: outcomes and their status codes, the saga's steps and compensations, the
// Idempotency-Key, and bad input that changes nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { gateway } from '@eventflow/gateway/descriptor';
import { embeddedPlatform } from '@eventflow/host/testing';
import { ticketingServices } from '@eventflow/ticketing';
import { createEvent, createUsers } from '@eventflow/ticketing/driver';

interface Reserva {
  reserva_id: string;
  estado: string;
  codigo?: string | null;
  saga: string | null;
  pasos: Array<{ paso: string; estado: string; en: string }>;
}

const json = { 'content-type': 'application/json' };

test('reservations through the gateway', async (t) => {
  const platform = await embeddedPlatform(t, [gateway, ...ticketingServices], {
    PAYMENT_PROVIDER_LATENCY_MS: '1-2',
    RESERVATIONS_WAIT_MS: '10000',
  });
  const url = platform.url;
  const [ana, bruno] = await createUsers(url, 2);
  assert.ok(ana !== undefined && bruno !== undefined);
  const reservar = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}/api/reservar`, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify(body) });
  const inventario = async (id: string) =>
    (await (await fetch(`${url}/api/inventario/${id}`)).json()) as {
      disponibles: number;
      vendidas: number;
      retenidas: number;
    };
  const control = (body: unknown) =>
    fetch(`${url}/api/proveedor-pagos/control`, { method: 'PUT', headers: json, body: JSON.stringify(body) });

  await t.test('a reservation that succeeds: 201, seats sold, the purchase in the user, every step timed', async () => {
    const evento = await createEvent(url, 10, { precio: 20 });
    const answer = await reservar(
      { usuario_id: ana, evento_id: evento, cantidad: 3 },
      { 'x-correlation-id': 'corr-ok-1' },
    );
    assert.equal(answer.status, 201);
    const reserva = (await answer.json()) as Reserva & { importe: number; correlation_id: string };
    assert.equal(answer.headers.get('location'), `/api/reservas/${reserva.reserva_id}`);
    assert.equal(reserva.estado, 'confirmada');
    assert.equal(reserva.importe, 60);
    assert.equal(reserva.correlation_id, 'corr-ok-1', 'the correlation id of the request');
    assert.equal(reserva.saga, 'COMPLETED');
    const succeeded = reserva.pasos.filter((p) => p.estado === 'STEP_SUCCEEDED').map((p) => p.paso);
    assert.deepEqual(succeeded, [
      'abrir-reserva',
      'retener-asientos',
      'cobrar-pago',
      'confirmar-asientos',
      'registrar-compra',
      'publicar-resultado',
    ]);
    assert.ok(reserva.pasos.every((p) => !Number.isNaN(Date.parse(p.en))));
    assert.deepEqual(await inventario(evento), {
      ...(await inventario(evento)),
      disponibles: 7,
      vendidas: 3,
      retenidas: 0,
    });
    const usuario = (await (await fetch(`${url}/api/usuarios/${ana}`)).json()) as {
      compras: Array<{ reserva_id: string }>;
    };
    assert.ok(
      usuario.compras.some((c) => c.reserva_id === reserva.reserva_id),
      'in the purchase history',
    );
    const pago = (await (await fetch(`${url}/api/pagos/${reserva.reserva_id}`)).json()) as { estado: string };
    assert.equal(pago.estado, 'capturado');
    const again = (await (await fetch(`${url}/api/reservas/${reserva.reserva_id}`)).json()) as Reserva;
    assert.equal(again.estado, 'confirmada');
  });

  await t.test('a declined payment: 402, the seats released, the compensations in the timeline', async () => {
    const evento = await createEvent(url, 5);
    await control({ tasa_rechazo: 1 });
    try {
      const answer = await reservar({ usuario_id: ana, evento_id: evento, cantidad: 2 });
      assert.equal(answer.status, 402, await answer.clone().text());
      assert.match(answer.headers.get('content-type') ?? '', /application\/problem\+json/);
      const problem = (await answer.json()) as { code: string; reserva_id: string; estado: string };
      assert.equal(problem.code, 'RESERVA.PAGO_RECHAZADO');
      assert.equal(problem.estado, 'fallida');
      const reserva = (await (await fetch(`${url}/api/reservas/${problem.reserva_id}`)).json()) as Reserva;
      assert.equal(reserva.estado, 'fallida');
      assert.equal(reserva.codigo, 'RESERVA.PAGO_RECHAZADO');
      assert.equal(reserva.saga, 'COMPENSATED');
      const compensated = reserva.pasos.filter((p) => p.estado === 'COMPENSATION_SUCCEEDED').map((p) => p.paso);
      assert.deepEqual(compensated, ['cobrar-pago', 'retener-asientos', 'abrir-reserva'], 'in reverse order');
      assert.deepEqual(
        { ...(await inventario(evento)) },
        { ...(await inventario(evento)), disponibles: 5, vendidas: 0, retenidas: 0 },
        'the held seats are back',
      );
    } finally {
      await control({ tasa_rechazo: 0 });
    }
  });

  await t.test('the same Idempotency-Key sent twice at once buys once; with another body it is a 422', async () => {
    const evento = await createEvent(url, 10);
    const key = `key-${randomUUID()}`;
    const body = { usuario_id: bruno, evento_id: evento, cantidad: 2 };
    const answers = await Promise.all([
      reservar(body, { 'idempotency-key': key }),
      reservar(body, { 'idempotency-key': key }),
    ]);
    const bodies = (await Promise.all(answers.map((a) => a.json()))) as Reserva[];
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 201], 'the first bought, the second is its replay');
    assert.equal(bodies[0]?.reserva_id, bodies[1]?.reserva_id, 'one reservation');
    assert.ok(answers.some((a) => a.headers.get('idempotent-replayed') === 'true'));
    assert.equal((await inventario(evento)).vendidas, 2, 'bought once');
    const later = await reservar(body, { 'idempotency-key': key });
    assert.equal(later.status, 200);
    const other = await reservar({ ...body, cantidad: 3 }, { 'idempotency-key': key });
    assert.equal(other.status, 422);
    assert.equal(((await other.json()) as { code: string }).code, 'RESERVA.CLAVE_REUTILIZADA');
    assert.equal((await inventario(evento)).vendidas, 2);
  });

  await t.test('one user sending many requests at once never buys past the per-user limit', async () => {
    const evento = await createEvent(url, 50, { max_entradas_por_usuario: 2 });
    const [carla] = await createUsers(url, 1);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => reservar({ usuario_id: carla, evento_id: evento, cantidad: 1 })),
    );
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 201).length, 2, `two bought: ${statuses.join(' ')}`);
    for (const refused of answers.filter((a) => a.status !== 201)) {
      assert.equal(refused.status, 409);
      const problem = (await refused.json()) as { code: string; limite: number };
      assert.equal(problem.code, 'RESERVA.LIMITE_POR_USUARIO');
      assert.equal(problem.limite, 2);
    }
    const seats = await inventario(evento);
    assert.equal(seats.vendidas, 2);
    assert.equal(seats.retenidas, 0);
  });

  await t.test('the chain refuses bad requests with a problem each, and nothing changes', async () => {
    const evento = await createEvent(url, 4, { max_entradas_por_usuario: 2 });
    const cases: Array<[unknown, number, string | undefined]> = [
      [{ usuario_id: ana, evento_id: evento }, 400, undefined],
      [{ usuario_id: ana, evento_id: evento, cantidad: 0 }, 400, undefined],
      [{ usuario_id: ana, evento_id: evento, cantidad: '1' }, 400, undefined],
      [{ usuario_id: ana, evento_id: evento, cantidad: 1, extra: true }, 400, undefined],
      // Ids are UUIDs, as on the users' and events' own routes: a typo is a 400, not "no such user".
      [{ usuario_id: 'abc', evento_id: evento, cantidad: 1 }, 400, 'REQUEST.VALIDATION_FAILED'],
      [{ usuario_id: ana, evento_id: 'abc', cantidad: 1 }, 400, 'REQUEST.VALIDATION_FAILED'],
      [{ usuario_id: randomUUID(), evento_id: evento, cantidad: 1 }, 404, 'RESERVA.USUARIO_NO_EXISTE'],
      [{ usuario_id: ana, evento_id: randomUUID(), cantidad: 1 }, 404, 'RESERVA.EVENTO_NO_EXISTE'],
      [{ usuario_id: ana, evento_id: evento, cantidad: 3 }, 409, 'RESERVA.LIMITE_POR_USUARIO'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await reservar(body);
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.match(answer.headers.get('content-type') ?? '', /application\/problem\+json/);
      if (code !== undefined) assert.equal(((await answer.json()) as { code: string }).code, code);
      else await answer.body?.cancel();
    }
    const bad = await fetch(`${url}/api/reservar`, { method: 'POST', headers: json, body: '{"usuario_id":' });
    assert.equal(bad.status, 400);
    assert.deepEqual(await inventario(evento), { ...(await inventario(evento)), disponibles: 4, vendidas: 0 });
    const resumen = (await (await fetch(`${url}/api/reservas/resumen?evento_id=${evento}`)).json()) as Record<
      string,
      { reservas: number }
    >;
    assert.equal(resumen['pendiente']?.reservas, 0);
    assert.equal(resumen['confirmada']?.reservas, 0);
    assert.equal(resumen['fallida']?.reservas, 0, 'no reservation was recorded');
    assert.equal((await fetch(`${url}/api/reservas/${randomUUID()}`)).status, 404);
    assert.equal((await fetch(`${url}/api/reservas/not%20an%20id`)).status, 400);
    assert.equal((await fetch(`${url}/api/reservas/resumen?evento_id=%20`)).status, 400);
  });

  await t.test('sold out: the chain refuses before any saga when nothing is left', async () => {
    const evento = await createEvent(url, 1);
    assert.equal((await reservar({ usuario_id: ana, evento_id: evento, cantidad: 1 })).status, 201);
    const answer = await reservar({ usuario_id: bruno, evento_id: evento, cantidad: 1 });
    assert.equal(answer.status, 409);
    const problem = (await answer.json()) as { code: string; disponibles: number; manejador: string };
    assert.equal(problem.code, 'RESERVA.AGOTADO');
    assert.equal(problem.manejador, 'validador-de-inventario');
  });

  await t.test(
    'failed for an unavailable service (503): the same key tries again; other outcomes are replayed',
    async () => {
      const evento = await createEvent(url, 3);
      const key = `retry-${randomUUID()}`;
      const body = { usuario_id: bruno, evento_id: evento, cantidad: 1 };
      await control({ caida: true });
      const first = await reservar(body, { 'idempotency-key': key });
      // The charge gives up while the processor is down; its refund waits for it to come back (202 meanwhile).
      assert.ok([202, 503].includes(first.status), `${first.status}`);
      const failedId = ((await first.json()) as { reserva_id: string }).reserva_id;
      await control({ caida: false });
      const failed = await eventually(async () => {
        const reserva = (await (await fetch(`${url}/api/reservas/${failedId}`)).json()) as Reserva;
        return reserva.estado === 'fallida' ? reserva : undefined;
      }, 'the reservation to fail, its compensations done');
      assert.equal(failed.codigo, 'RESERVA.SERVICIO_NO_DISPONIBLE');

      const second = await reservar(body, { 'idempotency-key': key });
      assert.equal(second.status, 201, 'a new attempt under the same key');
      const bought = (await second.json()) as Reserva;
      assert.notEqual(bought.reserva_id, failedId);
      const third = await reservar(body, { 'idempotency-key': key });
      assert.equal(third.status, 200, 'a success is replayed');
      assert.equal(third.headers.get('idempotent-replayed'), 'true');
      assert.equal(((await third.json()) as Reserva).reserva_id, bought.reserva_id);
      const old = (await (await fetch(`${url}/api/reservas/${failedId}`)).json()) as Reserva;
      assert.equal(old.estado, 'fallida', 'the failed attempt stays as it ended');
      assert.equal((await inventario(evento)).vendidas, 1, 'one ticket bought');
    },
  );

  await t.test('a provider outage is waited out: the charge is retried and the reservation confirmed', async () => {
    const evento = await createEvent(url, 3);
    await control({ fallar_siguientes: 2 });
    const answer = await reservar({ usuario_id: bruno, evento_id: evento, cantidad: 1 });
    assert.equal(answer.status, 201);
    const reserva = (await answer.json()) as Reserva;
    assert.ok(
      reserva.pasos.some((p) => p.paso === 'cobrar-pago' && p.estado === 'STEP_FAILED'),
      'a failed attempt is in the timeline',
    );
  });
});
