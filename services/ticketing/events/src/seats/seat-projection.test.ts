// The seat projection: each event's counts follow inventory's versions forward only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readThrough } from '@eventflow/cache';
import { createMemoryCache } from '@eventflow/cache/memory';
import { openTestDocumentStore } from '@eventflow/docstore/testing';
import { cleanupStack } from '@eventflow/eventstore/testing';
import type { InventarioCambiado } from '@eventflow/ticketing-contracts';
import { newEvent, type CachedEvent } from '../events/event.ts';
import { openEventCollection } from '../events/event-store.ts';
import { sampleEvent } from '../testing/samples.ts';
import { applySeatChange } from './seat-projection.ts';

const change = (version: number, disponibles: number): InventarioCambiado => ({
  evento_id: 'e-1',
  reserva_id: `r-${version}`,
  cantidad: 1,
  aforo_total: 100,
  disponibles,
  retenidas: 100 - disponibles,
  vendidas: 0,
  version,
});

test('a newer version moves the counts; an older or repeated one changes nothing', async (t) => {
  const defer = cleanupStack(t);
  const documents = await openTestDocumentStore();
  defer(() => documents.close());
  const events = await openEventCollection(documents.store);
  const memory = createMemoryCache({ namespace: 'events:' });
  const cache = readThrough<CachedEvent>({ cache: memory, prefix: 'evento:', ttlSeconds: 60 });
  const seats = { evento_id: 'e-1', aforo_total: 100, disponibles: 100, retenidas: 0, vendidas: 0, version: 1 };
  await events.insertOne(newEvent(sampleEvent({ aforo_total: 100 }), 'e-1', new Date(), seats).document);
  const counts = async () => {
    const found = await events.findOne({ _id: 'e-1' });
    return [found?.entradas_disponibles, found?.entradas_retenidas, found?.version_inventario];
  };

  await memory.set('evento:e-1', '{}');
  assert.equal(await applySeatChange(events, cache, change(3, 97)), true);
  assert.deepEqual(await counts(), [97, 3, 3]);
  assert.equal(await memory.get('evento:e-1'), undefined, 'the cached event dropped');

  await memory.set('evento:e-1', '{}');
  assert.equal(await applySeatChange(events, cache, change(2, 98)), false, 'older');
  assert.equal(await applySeatChange(events, cache, change(3, 50)), false, 'a redelivery');
  assert.equal(await applySeatChange(events, cache, change(1, 100)), false, 'the creation, late');
  assert.deepEqual(await counts(), [97, 3, 3]);
  assert.equal(await memory.get('evento:e-1'), '{}', 'nothing applied, nothing invalidated');

  assert.equal(await applySeatChange(events, cache, change(5, 90)), true, 'a gap is fine: versions only order');
  assert.deepEqual(await counts(), [90, 10, 5]);
  assert.equal(await applySeatChange(events, cache, { ...change(9, 1), evento_id: 'unknown' }), false);
});
