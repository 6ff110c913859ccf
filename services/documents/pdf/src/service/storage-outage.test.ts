import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertProblem, injectJson, metricValue } from '@eventflow/service/testing';
import { pdfApp, testPolicy } from '../testing/pdf-app.ts';
import { startStorageServer } from '../testing/storage-server.ts';

const url = '/api/pdf/reports';

async function metricsText(app: Awaited<ReturnType<typeof pdfApp>>['app']): Promise<string> {
  return (await app.inject({ method: 'GET', url: '/metrics' })).body;
}

test('storage down: 503 with Retry-After, the circuit opens, refuses at once, half-opens later and recovers', async (t) => {
  // Only Date is faked (the breaker's clock); sockets and timers stay real.
  t.mock.timers.enable({ apis: ['Date'], now: Date.parse('2025-09-10T09:00:00Z') });
  const storage = await startStorageServer(t);
  const { app } = await pdfApp(t, storage.url);
  const registry = app.metrics.registry;
  const post = (correlationId: string) =>
    injectJson(app, { method: 'POST', url, payload: { clientId: 'client-7', correlationId } });
  assert.match(await metricsText(app), /circuit_breaker_state\{name="storage",service="pdf"\} 0/);

  await storage.stop();
  // Two uploads of two tries each: four connection failures in a row open the circuit.
  for (const id of ['job-1', 'job-2']) {
    const response = await post(id);
    assertProblem(response, { status: 503, code: 'PDF.STORAGE_UNAVAILABLE', detail: /could not be reached/ });
    assert.equal(response.headers['retry-after'], '1');
  }
  assert.match(await metricsText(app), /circuit_breaker_state\{name="storage",service="pdf"\} 2/);
  assert.equal(await metricValue(registry, 'resilience_retries_total', { name: 'storage' }), 2);

  await storage.start();
  t.mock.timers.tick(10_000);
  const refused = await post('job-3');
  assertProblem(refused, { status: 503, code: 'PDF.STORAGE_UNAVAILABLE', detail: /circuit open/ });
  assert.equal(refused.headers['retry-after'], String((testPolicy.breaker?.halfOpenAfterMs ?? 0) / 1000 - 10));
  assert.equal(storage.lines.filter((line) => line['operation'] === 'upload').length, 0, 'storage never reached');
  assert.equal(
    await metricValue(registry, 'resilience_rejections_total', { name: 'storage', reason: 'circuit_open' }),
    1,
  );

  t.mock.timers.tick(20_000);
  const recovered = await post('job-3');
  assert.equal(recovered.statusCode, 201, recovered.text);
  assert.match(await metricsText(app), /circuit_breaker_state\{name="storage",service="pdf"\} 0/);
  assert.equal((await post('job-4')).statusCode, 201);
});
