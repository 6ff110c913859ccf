import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ServiceError } from '@eventflow/service';
import { Behaviour } from './behaviour.ts';
import { declines, referencePoint } from './decline.ts';
import { drawLatency, parseLatency } from './latency.ts';

test('a latency is "min-max" (or one number) within a minute, drawn inclusively', () => {
  assert.deepEqual(parseLatency('20-80'), { min: 20, max: 80 });
  assert.deepEqual(parseLatency('50'), { min: 50, max: 50 });
  for (const bad of ['80-20', '-5', '1-2-3', 'x', '0-60001', '']) assert.equal(parseLatency(bad), undefined, bad);
  assert.equal(
    drawLatency({ min: 20, max: 80 }, () => 0),
    20,
  );
  assert.equal(
    drawLatency({ min: 20, max: 80 }, () => 0.999999),
    80,
  );
});

test('declines are decided by the reference: listed, or its hash below the rate', () => {
  const point = referencePoint('reserva-1');
  assert.ok(point >= 0 && point < 1);
  assert.equal(referencePoint('reserva-1'), point, 'the same reference, the same point');
  assert.equal(declines('reserva-1', point, new Set()), false);
  assert.equal(declines('reserva-1', point + 1e-9, new Set()), true);
  assert.equal(declines('reserva-1', 0, new Set(['reserva-1'])), true);
  assert.equal(declines('reserva-1', 1, new Set()), true, 'a rate of 1 declines everything');
});

test('an outage and the next n failures refuse with 503; a bad change changes nothing', () => {
  const behaviour = new Behaviour({ latencia_ms: '5-20', tasa_rechazo: 0, caida: false });
  behaviour.admit();
  behaviour.change({ fallar_siguientes: 2 });
  for (let i = 0; i < 2; i += 1) {
    assert.throws(
      () => behaviour.admit(),
      (e: unknown) => e instanceof ServiceError && e.status === 503,
    );
  }
  behaviour.admit();
  behaviour.change({ caida: true });
  assert.throws(() => behaviour.admit(), { code: 'PROVEEDOR.NO_DISPONIBLE' });
  const before = behaviour.settings();
  assert.throws(() => behaviour.change({ latencia_ms: '9-1', caida: false }), { code: 'PROVEEDOR.CONTROL_INVALIDO' });
  assert.deepEqual(behaviour.settings(), before);
  assert.throws(() => new Behaviour({ latencia_ms: 'slow', tasa_rechazo: 0, caida: false }), RangeError);
});
