// The card processor simulator, embedded with the gateway in front: charges and refunds once per
// Idempotency-Key (concurrently too), declines, outages on demand, bad input refused without a change.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { cleanupStack } from '@eventflow/eventstore/testing';
import { gateway } from '@eventflow/gateway/descriptor';
import { assertProblem } from '@eventflow/service/testing';
import { paymentProvider } from './descriptor.ts';
import { referencePoint } from './simulator/decline.ts';
import { embeddedProvider, providerClient } from './testing/index.ts';

const ref = (what: string) => `${what}-${randomUUID()}`;
const cents = (amount: number | undefined) => Math.round((amount ?? 0) * 100);
const eur = (importe: number, referencia: string) => ({ importe, moneda: 'EUR', referencia });

/** A problem as assertProblem checks it, from a fetch answer. */
function problemOf(answer: { status: number; headers: Headers; body: unknown }) {
  return {
    statusCode: answer.status,
    headers: Object.fromEntries(answer.headers),
    body: JSON.stringify(answer.body),
  };
}

test('payment provider (embedded, through the gateway)', async (t) => {
  const { running } = await embeddedProvider(cleanupStack(t), {}, [gateway, paymentProvider]);
  // Through the front door, as a user of the platform (and the tests of other services) reach it.
  const provider = providerClient(running.url);

  await t.test('a charge is captured once per key: the same key answers the stored 201', async () => {
    const referencia = ref('r');
    const key = ref('k');
    const first = await provider.charge(key, { ...eur(42.5, referencia), descripcion: 'two seats' });
    assert.equal(first.status, 201);
    assert.equal(first.body['estado'], 'capturado');
    assert.equal(first.body['importe'], 42.5);
    assert.equal(first.body['referencia'], referencia);
    assert.match(String(first.body['creado_en']), /^\d{4}-\d\d-\d\dT/);
    const again = await provider.charge(key, { ...eur(42.5, referencia), descripcion: 'two seats' });
    assert.equal(again.status, 201);
    assert.deepEqual(again.body, first.body);
    const stored = await provider.get(String(first.body['cargo_id']));
    assert.equal(stored.status, 200);
    assert.equal(stored.body['estado'], 'capturado');
    assert.deepEqual(
      (await provider.charges(referencia)).map((c) => c['cargo_id']),
      [first.body['cargo_id']],
      'one charge for the reference',
    );
  });

  await t.test('the same key with another body is 422 PROVEEDOR.CLAVE_REUTILIZADA and charges nothing', async () => {
    const referencia = ref('r');
    const key = ref('k');
    assert.equal((await provider.charge(key, eur(10, referencia))).status, 201);
    for (const other of [eur(11, referencia), eur(10, ref('other')), { ...eur(10, referencia), moneda: 'USD' }]) {
      assertProblem(problemOf(await provider.charge(key, other)), { status: 422, code: 'PROVEEDOR.CLAVE_REUTILIZADA' });
    }
    assert.equal((await provider.charges(referencia)).length, 1);
  });

  await t.test('20 simultaneous charges with one key make one charge, and all get its answer', async () => {
    const referencia = ref('r');
    const key = ref('k');
    const answers = await Promise.all(Array.from({ length: 20 }, () => provider.charge(key, eur(7.25, referencia))));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([201]));
    assert.equal(new Set(answers.map((a) => a.body['cargo_id'])).size, 1);
    assert.equal((await provider.charges(referencia)).length, 1);
  });

  await t.test('bad input is a 400 problem and stores nothing', async () => {
    const referencia = ref('bad');
    const before = await provider.summary();
    const missingKey = await provider.charge(undefined, eur(10, referencia));
    assertProblem(problemOf(missingKey), { status: 400, code: 'REQUEST.VALIDATION_FAILED', detail: /idempotency-key/ });
    const bodies: unknown[] = [
      eur(0, referencia),
      eur(-5, referencia),
      { ...eur(10, referencia), moneda: 'eur' },
      { ...eur(10, referencia), moneda: 'EURO' },
      { importe: '10', moneda: 'EUR', referencia },
      { moneda: 'EUR', referencia },
      { ...eur(10, referencia), extra: true },
      { ...eur(10, referencia), referencia: '' },
      '{"importe": 10,',
    ];
    for (const body of bodies) {
      const answer = await provider.charge(ref('k'), body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.match(answer.headers.get('content-type') ?? '', /application\/problem\+json/);
    }
    assertProblem(problemOf(await provider.charge(ref('k'), eur(1.234, referencia))), {
      status: 400,
      code: 'PROVEEDOR.IMPORTE_INVALIDO',
    });
    assert.equal((await provider.refund(undefined, 'cargo_x')).status, 400, 'a refund needs a key too');
    assert.equal((await provider.refund(ref('k'), 'not/an id')).status, 400, 'not a charge id');
    assert.deepEqual(await provider.charges(referencia), []);
    assert.deepEqual(await provider.summary(), before);
    assert.equal((await fetch(`${running.url}/api/proveedor-pagos/cargos`)).status, 400, 'a list needs a referencia');
  });

  await t.test('a declined reference is 402 PROVEEDOR.RECHAZADO, stored: the same key declines again', async (st) => {
    const referencia = ref('declined');
    assert.equal((await provider.control({ rechazar_referencias: [referencia] })).status, 200);
    st.after(() => provider.control({ rechazar_referencias: [] }));
    const key = ref('k');
    const first = assertProblem(problemOf(await provider.charge(key, eur(30, referencia))), {
      status: 402,
      code: 'PROVEEDOR.RECHAZADO',
    });
    await provider.control({ rechazar_referencias: [] });
    const again = assertProblem(problemOf(await provider.charge(key, eur(30, referencia))), {
      status: 402,
      code: 'PROVEEDOR.RECHAZADO',
    });
    assert.equal(again['cargo_id'], first['cargo_id'], 'the stored decline, not a new decision');
    const [stored] = await provider.charges(referencia);
    assert.equal(stored?.['estado'], 'rechazado');
    assertProblem(problemOf(await provider.refund(ref('k'), String(first['cargo_id']))), {
      status: 409,
      code: 'PROVEEDOR.NO_REEMBOLSABLE',
    });
  });

  await t.test(
    'a decline rate declines the references whose hash falls below it, the same in every run',
    async (st) => {
      await provider.control({ tasa_rechazo: 0.2 });
      st.after(() => provider.control({ tasa_rechazo: 0 }));
      const references = Array.from({ length: 100 }, (_, i) => `rate-${i}`);
      const expected = references.filter((r) => referencePoint(r) < 0.2);
      assert.ok(expected.length > 5 && expected.length < 40, `about a fifth (${expected.length})`);
      const declinedIn = async (run: string) => {
        const answers = await Promise.all(references.map((r) => provider.charge(`${run}-${r}`, eur(1, r))));
        return references.filter((_, i) => answers[i]?.status === 402);
      };
      const run = randomUUID();
      assert.deepEqual(await declinedIn(`${run}-a`), expected);
      assert.deepEqual(await declinedIn(`${run}-b`), expected, 'reproducible');
    },
  );

  await t.test('an outage answers 503 PROVEEDOR.NO_DISPONIBLE with Retry-After and stores nothing', async (st) => {
    const referencia = ref('outage');
    const key = ref('k');
    const captured = await provider.charge(ref('k'), eur(5, ref('before-outage')));
    await provider.control({ caida: true });
    st.after(() => provider.control({ caida: false, fallar_siguientes: 0 }));
    const down = await provider.charge(key, eur(5, referencia));
    assertProblem(problemOf(down), { status: 503, code: 'PROVEEDOR.NO_DISPONIBLE' });
    assert.equal(down.headers.get('retry-after'), '1');
    assertProblem(problemOf(await provider.refund(ref('k'), String(captured.body['cargo_id']))), {
      status: 503,
      code: 'PROVEEDOR.NO_DISPONIBLE',
    });
    assert.deepEqual(await provider.charges(referencia), []);
    await provider.control({ caida: false, fallar_siguientes: 2 });
    assert.equal((await provider.charge(key, eur(5, referencia))).status, 503);
    assert.equal((await provider.charge(key, eur(5, referencia))).status, 503);
    assert.equal((await provider.settings()).fallar_siguientes, 0);
    assert.equal((await provider.charge(key, eur(5, referencia))).status, 201, 'recovered: the same key charges');
    assert.equal((await provider.charges(referencia)).length, 1);
  });

  await t.test('a refund is once per charge: same key the same 201, another key 409, unknown 404', async () => {
    const referencia = ref('refund');
    const charged = await provider.charge(ref('k'), eur(19.99, referencia));
    const cargoId = String(charged.body['cargo_id']);
    const key = ref('refund-key');
    const first = await provider.refund(key, cargoId);
    assert.equal(first.status, 201);
    assert.equal(first.body['cargo_id'], cargoId);
    assert.equal(first.body['importe'], 19.99);
    const again = await provider.refund(key, cargoId);
    assert.equal(again.status, 201);
    assert.deepEqual(again.body, first.body);
    assertProblem(problemOf(await provider.refund(ref('k'), cargoId)), {
      status: 409,
      code: 'PROVEEDOR.YA_REEMBOLSADO',
    });
    assertProblem(problemOf(await provider.refund(ref('k'), `cargo_${randomUUID()}`)), {
      status: 404,
      code: 'PROVEEDOR.CARGO_NO_EXISTE',
    });
    assertProblem(problemOf(await provider.get(`cargo_${randomUUID()}`)), {
      status: 404,
      code: 'PROVEEDOR.CARGO_NO_EXISTE',
    });
    const stored = await provider.get(cargoId);
    assert.equal(stored.body['estado'], 'reembolsado');
    assert.equal(stored.body['reembolso_id'], first.body['reembolso_id']);
  });

  await t.test('20 simultaneous refunds with one key refund once', async () => {
    const charged = await provider.charge(ref('k'), eur(3, ref('refund-race')));
    const key = ref('refund-key');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => provider.refund(key, String(charged.body['cargo_id']))),
    );
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([201]));
    assert.equal(new Set(answers.map((a) => a.body['reembolso_id'])).size, 1);
  });

  await t.test('the summary counts captured charges, declines and refunds', async (st) => {
    const before = await provider.summary();
    const declined = ref('sum-declined');
    await provider.control({ rechazar_referencias: [declined] });
    st.after(() => provider.control({ rechazar_referencias: [] }));
    const a = await provider.charge(ref('k'), eur(10, ref('sum')));
    await provider.charge(ref('k'), eur(2.5, ref('sum')));
    await provider.charge(ref('k'), eur(99, declined));
    await provider.refund(ref('k'), String(a.body['cargo_id']));
    const after = await provider.summary();
    assert.deepEqual(
      {
        cargos_capturados: (after['cargos_capturados'] ?? 0) - (before['cargos_capturados'] ?? 0),
        rechazos: (after['rechazos'] ?? 0) - (before['rechazos'] ?? 0),
        reembolsos: (after['reembolsos'] ?? 0) - (before['reembolsos'] ?? 0),
        importe_capturado: cents(after['importe_capturado']) - cents(before['importe_capturado']),
        importe_reembolsado: cents(after['importe_reembolsado']) - cents(before['importe_reembolsado']),
      },
      { cargos_capturados: 2, rechazos: 1, reembolsos: 1, importe_capturado: 1250, importe_reembolsado: 1000 },
    );
  });

  await t.test('the control route shows and changes the settings; a bad change changes nothing', async (st) => {
    const initial = await provider.settings();
    assert.deepEqual(initial, {
      latencia_ms: '0-2',
      tasa_rechazo: 0,
      caida: false,
      fallar_siguientes: 0,
      rechazar_referencias: [],
    });
    for (const bad of [
      { latencia_ms: '80-20' },
      { latencia_ms: 'fast' },
      { latencia_ms: '0-90000' },
      { tasa_rechazo: 1.5 },
      { caida: 'yes' },
      { fallar_siguientes: -1 },
      { unknown: 1 },
    ]) {
      const answer = await provider.control(bad);
      assert.equal(answer.status, 400, JSON.stringify(bad));
      assert.match(answer.headers.get('content-type') ?? '', /application\/problem\+json/);
    }
    assert.deepEqual(await provider.settings(), initial);
    const changed = await provider.control({ latencia_ms: '1-3', tasa_rechazo: 0.5 });
    st.after(() => provider.control({ latencia_ms: '0-2', tasa_rechazo: 0 }));
    assert.equal(changed.body['latencia_ms'], '1-3');
    assert.equal(changed.body['tasa_rechazo'], 0.5);
  });

  await t.test('the gateway documents every route with its answers, problems included', async () => {
    const docs = (await (await fetch(`${running.url}/docs/json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; tags?: string[] }>>;
    };
    const statuses = (path: string, method: string) => Object.keys(docs.paths[path]?.[method]?.responses ?? {}).sort();
    assert.deepEqual(statuses('/api/proveedor-pagos/cargos', 'post'), [
      '201',
      '400',
      '402',
      '422',
      '4XX',
      '503',
      '5XX',
    ]);
    assert.deepEqual(statuses('/api/proveedor-pagos/cargos/{cargo_id}/reembolsos', 'post'), [
      '201',
      '400',
      '404',
      '409',
      '422',
      '4XX',
      '503',
      '5XX',
    ]);
    for (const [path, method] of [
      ['/api/proveedor-pagos/cargos', 'get'],
      ['/api/proveedor-pagos/cargos/{cargo_id}', 'get'],
      ['/api/proveedor-pagos/resumen', 'get'],
      ['/api/proveedor-pagos/control', 'get'],
      ['/api/proveedor-pagos/control', 'put'],
    ] as const) {
      assert.ok(statuses(path, method).includes('200'), `${method} ${path}`);
    }
  });
});

test('the environment sets the behaviour at start: an outage and a latency', async (t) => {
  const { provider } = await embeddedProvider(cleanupStack(t), {
    PAYMENT_PROVIDER_OUTAGE: 'true',
    PAYMENT_PROVIDER_LATENCY_MS: '1-4',
    PAYMENT_PROVIDER_DECLINE_RATE: '0.3',
  });
  assert.deepEqual(await provider.settings(), {
    latencia_ms: '1-4',
    tasa_rechazo: 0.3,
    caida: true,
    fallar_siguientes: 0,
    rechazar_referencias: [],
  });
  assert.equal((await provider.charge(ref('k'), eur(1, ref('r')))).status, 503);
});
