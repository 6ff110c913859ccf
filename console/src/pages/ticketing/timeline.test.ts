import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Paso } from '../../api/ticketing.ts';
import { formatDuration, timeline, type StepEntry } from './timeline.ts';

let clock = 0;
const row = (paso: string, estado: Paso['estado'], extra: Partial<Paso> = {}): Paso => ({
  paso,
  estado,
  intento: paso === 'saga' ? null : 1,
  error: null,
  duracion_ms: estado.endsWith('SUCCEEDED') || estado.endsWith('FAILED') ? 5 : null,
  en: new Date(Date.UTC(2026, 0, 1, 12, 0, 0, clock++)).toISOString(),
  ...extra,
});

test('a declined payment: each attempt one entry, then the compensations in reverse order', () => {
  const declined = 'RESERVA.PAGO_RECHAZADO: payment not made: PAGO.RECHAZADO';
  const entries = timeline([
    row('saga', 'STARTED'),
    row('abrir-reserva', 'STEP_STARTED'),
    row('abrir-reserva', 'STEP_SUCCEEDED'),
    row('retener-asientos', 'STEP_STARTED'),
    row('retener-asientos', 'STEP_SUCCEEDED'),
    row('cobrar-pago', 'STEP_STARTED'),
    row('cobrar-pago', 'STEP_FAILED', { error: declined }),
    row('saga', 'COMPENSATING', { error: `cobrar-pago: ${declined}` }),
    row('cobrar-pago', 'COMPENSATION_STARTED'),
    row('cobrar-pago', 'COMPENSATION_SUCCEEDED'),
    row('retener-asientos', 'COMPENSATION_STARTED'),
    row('retener-asientos', 'COMPENSATION_SUCCEEDED'),
    row('abrir-reserva', 'COMPENSATION_STARTED'),
    row('abrir-reserva', 'COMPENSATION_SUCCEEDED'),
    row('saga', 'COMPENSATED'),
  ]);
  const shown = entries.map((e) => (e.kind === 'saga' ? e.estado : `${e.kind} ${e.n} ${e.paso} ${e.outcome}`));
  assert.deepEqual(shown, [
    'STARTED',
    'step 1 abrir-reserva succeeded',
    'step 2 retener-asientos succeeded',
    'step 3 cobrar-pago failed',
    'COMPENSATING',
    'compensation 3 cobrar-pago succeeded',
    'compensation 2 retener-asientos succeeded',
    'compensation 1 abrir-reserva succeeded',
    'COMPENSATED',
  ]);
  const failed = entries[3] as StepEntry;
  assert.equal(failed.error, declined);
  assert.equal(failed.duracion_ms, 5);
  assert.equal(failed.en, '2026-01-01T12:00:00.005Z', 'the time the attempt started');
});

test('retries are attempts of their own; a step still running stays open', () => {
  const entries = timeline([
    row('cobrar-pago', 'STEP_STARTED'),
    row('cobrar-pago', 'STEP_FAILED', { error: 'PAGO.PROVEEDOR_NO_DISPONIBLE' }),
    row('cobrar-pago', 'STEP_STARTED', { intento: 2 }),
    row('cobrar-pago', 'STEP_SUCCEEDED', { intento: 2 }),
    row('confirmar-asientos', 'STEP_STARTED'),
  ]) as StepEntry[];
  assert.deepEqual(
    entries.map((e) => [e.n, e.intento, e.outcome]),
    [
      [1, 1, 'failed'],
      [1, 2, 'succeeded'],
      [2, 1, 'running'],
    ],
  );
});

test('an end whose start is not in the log is shown on its own', () => {
  const entries = timeline([row('registrar-compra', 'STEP_SUCCEEDED')]) as StepEntry[];
  assert.equal(entries.length, 1);
  assert.equal(entries[0]?.outcome, 'succeeded');
});

test('durations', () => {
  assert.equal(formatDuration(null), '—');
  assert.equal(formatDuration(0.4), '<1 ms');
  assert.equal(formatDuration(5.51), '5.5 ms');
  assert.equal(formatDuration(54.2), '54 ms');
  assert.equal(formatDuration(1340), '1.3 s');
});
