// Events' client of inventory: what each of inventory's answers becomes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isResilienceError } from '@eventflow/resilience';
import { scriptedFetch, type ScriptStep } from '@eventflow/resilience/testing';
import { ServiceError } from '@eventflow/service';
import { inventoryClient } from './inventory-client.ts';

const seats = { evento_id: 'e-1', aforo_total: 10, disponibles: 10, retenidas: 0, vendidas: 0, version: 1 };
const quick = {
  timeoutMs: 1000,
  retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 1, multiplier: 1, jitter: 'none' },
} as const;

async function create(steps: readonly ScriptStep[]) {
  const fetch = scriptedFetch(steps);
  const client = inventoryClient({ url: 'http://inventory.test/', policy: quick, fetch });
  const outcome = await client.createSeats({ evento_id: 'e-1', aforo_total: 10 }).catch((error: unknown) => error);
  return { outcome, fetch };
}

test('201 or 200 (created before) answer the seats; the POST is sent as the contract says', async () => {
  for (const status of [201, 200]) {
    const { outcome, fetch } = await create([{ status, body: seats }]);
    assert.deepEqual(outcome, seats);
    assert.equal(fetch.calls[0]?.url, 'http://inventory.test/internal/inventario');
    assert.equal(fetch.calls[0]?.method, 'POST');
    assert.deepEqual(JSON.parse(fetch.calls[0]?.body as string), { evento_id: 'e-1', aforo_total: 10 });
  }
});

test('network errors and 503 are retried (the creation is idempotent by evento_id)', async () => {
  const { outcome, fetch } = await create([{ fail: 'network' }, { status: 503 }, { status: 201, body: seats }]);
  assert.deepEqual(outcome, seats);
  assert.equal(fetch.calls.length, 3);
});

test('still unreachable after the retries: 503 EVENTO.INVENTARIO_NO_DISPONIBLE', async () => {
  for (const steps of [[{ fail: 'network' }], [{ status: 503, headers: { 'retry-after': '7' } }]] as const) {
    const { outcome } = await create(steps);
    assert.ok(outcome instanceof ServiceError && !isResilienceError(outcome), String(outcome));
    assert.equal(outcome.code, 'EVENTO.INVENTARIO_NO_DISPONIBLE');
    assert.equal(outcome.status, 503);
    assert.ok(Number(outcome.extra['retryAfterSeconds']) >= 1);
  }
});

test('a refusal or a body that is not seats is a 502 EVENTO.INVENTARIO_RECHAZO, not retried', async () => {
  const refused = await create([{ status: 400, body: { code: 'REQUEST.VALIDATION_FAILED' } }]);
  assert.ok(refused.outcome instanceof ServiceError);
  assert.equal(refused.outcome.code, 'EVENTO.INVENTARIO_RECHAZO');
  assert.equal(refused.outcome.extra['inventoryCode'], 'REQUEST.VALIDATION_FAILED');
  assert.equal(refused.fetch.calls.length, 1);
  const odd = await create([{ status: 201, body: { hello: 'world' } }]);
  assert.ok(odd.outcome instanceof ServiceError);
  assert.equal(odd.outcome.code, 'EVENTO.INVENTARIO_RECHAZO');
});
