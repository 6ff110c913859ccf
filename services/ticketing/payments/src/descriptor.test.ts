// The payments descriptor on the host, embedded with the provider simulator and the gateway: its
// migrations, its call to the provider through the registry, its public routes routed and documented
// by the gateway, its /internal routes reachable only service to service.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { cleanupStack } from '@eventflow/eventstore/testing';
import { gateway } from '@eventflow/gateway/descriptor';
import { paymentProvider } from '@eventflow/ticketing-payment-provider/descriptor';
import { embeddedProvider, sendJson } from '@eventflow/ticketing-payment-provider/testing';
import { payments } from './descriptor.ts';

test('payments embedded on the host, behind the gateway', async (t) => {
  const { running } = await embeddedProvider(cleanupStack(t), { PAYMENTS_RELAY_POLL_MS: '50' }, [
    gateway,
    paymentProvider,
    payments,
  ]);
  const internal = running.registry.urlOf('payments');
  const reserva = `res-${randomUUID()}`;

  const charged = await sendJson(`${internal}/internal/pagos`, {
    body: { reserva_id: reserva, usuario_seudonimo: 'usr-9', importe: 12.34, moneda: 'EUR' },
  });
  assert.equal(charged.status, 201, JSON.stringify(charged.body));
  const pago = await sendJson(`${running.url}/api/pagos/${reserva}`);
  assert.equal(pago.status, 200, 'the public route, through the gateway');
  assert.deepEqual(pago.body, charged.body);
  const cargos = await sendJson<{ cargos: unknown[] }>(
    `${running.url}/api/proveedor-pagos/cargos?referencia=${reserva}`,
  );
  assert.equal(cargos.body.cargos.length, 1, 'charged at the provider the registry names');
  assert.equal((await sendJson(`${running.url}/internal/pagos/${reserva}`)).status, 404, 'never routed by the gateway');
  const refunded = await sendJson(`${internal}/internal/pagos/${reserva}/reembolso`, { method: 'POST' });
  assert.equal(refunded.body['estado'], 'reembolsado');
  const summary = await sendJson<{ por_estado: Record<string, number> }>(`${running.url}/api/pagos/resumen`);
  assert.equal(summary.body.por_estado['reembolsado'], 1);

  const health = await sendJson<{ services: Array<{ name: string; status: string }> }>(`${running.url}/health`);
  for (const name of ['payments', 'payment-provider']) {
    assert.equal(health.body.services.find((s) => s.name === name)?.status, 'up', name);
  }
  const docs = await sendJson<{ paths: Record<string, Record<string, { responses: object; tags?: string[] }>> }>(
    `${running.url}/docs/json`,
  );
  const statuses = (path: string) => Object.keys(docs.body.paths[path]?.['get']?.responses ?? {}).sort();
  assert.deepEqual(statuses('/api/pagos/{reserva_id}'), ['200', '400', '404', '4XX', '5XX']);
  assert.deepEqual(statuses('/api/pagos'), ['200', '400', '4XX', '5XX']);
  assert.ok(statuses('/api/pagos/resumen').includes('200'));
  assert.deepEqual(docs.body.paths['/api/pagos']?.['get']?.tags, ['payments']);
  assert.equal(
    Object.keys(docs.body.paths).some((path) => path.startsWith('/internal')),
    false,
    'internal routes are not in the gateway’s docs',
  );
});
