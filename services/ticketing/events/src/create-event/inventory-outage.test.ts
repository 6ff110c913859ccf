// Creating an event while inventory cannot be reached: a 503 the caller can retry, and no event.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freePort } from '@eventflow/service';
import { assertProblem, injectJson } from '@eventflow/service/testing';
import { eventsApp } from '../testing/events-app.ts';
import { sampleEvent } from '../testing/samples.ts';

test('inventory unreachable: 503 EVENTO.INVENTARIO_NO_DISPONIBLE with Retry-After, and no event document', async (t) => {
  // A free port nobody listens on: every try is refused, as when inventory is down.
  const nobody = `http://127.0.0.1:${await freePort()}`;
  const { app, events, bus } = await eventsApp(t, nobody);
  const answer = await injectJson(app, { method: 'POST', url: '/api/eventos', payload: sampleEvent() });
  assertProblem(answer, { status: 503, code: 'EVENTO.INVENTARIO_NO_DISPONIBLE' });
  assert.ok(Number(answer.headers['retry-after']) >= 1, 'Retry-After says when to try again');
  assert.equal(await events.count({}), 0, 'no event without its seats');
  assert.equal(bus.published.length, 0, 'nothing announced');
});
