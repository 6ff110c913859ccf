import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import type { FastifyReply } from 'fastify';
import { Behaviour } from '../simulator/behaviour.ts';
import { arrive } from './simulated-latency.ts';

function fakeReply(): { reply: FastifyReply; raw: EventEmitter & { writableEnded: boolean } } {
  const raw = Object.assign(new EventEmitter(), { writableEnded: false });
  return { reply: { raw } as unknown as FastifyReply, raw };
}

test('a caller that goes away during the simulated latency never reaches the processor', async () => {
  const behaviour = new Behaviour({ latencia_ms: '60000', tasa_rechazo: 0, caida: false });
  const { reply, raw } = fakeReply();
  const arriving = arrive(behaviour, reply);
  raw.emit('close');
  await assert.rejects(arriving, { code: 'PROVEEDOR.PETICION_ABANDONADA' });
  assert.equal(raw.listenerCount('close'), 0);
});

test('after the latency the outage check runs', async () => {
  const behaviour = new Behaviour({ latencia_ms: '0-1', tasa_rechazo: 0, caida: true });
  await assert.rejects(arrive(behaviour, fakeReply().reply), { code: 'PROVEEDOR.NO_DISPONIBLE' });
});
