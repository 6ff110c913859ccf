import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PagoRow } from '../pagos/pago.ts';
import { decideCharge, type ChargeRequest } from './decide-charge.ts';

const request: ChargeRequest = { reserva_id: 'r-1', usuario_seudonimo: 'u-1', cents: 1050, moneda: 'EUR' };
const row = (change: Partial<PagoRow> = {}): PagoRow => ({
  reserva_id: 'r-1',
  pago_id: 'p-1',
  usuario_seudonimo: 'u-1',
  importe_centimos: '1050',
  moneda: 'EUR',
  estado: 'pendiente',
  cargo_id: null,
  motivo: null,
  cancelado: false,
  intentos: 0,
  conciliar_hasta: null,
  correlation_id: null,
  actualizado_en: new Date(0),
  ...change,
});
const codeOf = (step: ReturnType<typeof decideCharge>) => (step.kind === 'refuse' ? step.error.code : step.kind);

test('only a pending payment goes to the processor; a captured one is answered again', () => {
  assert.equal(codeOf(decideCharge(row(), request)), 'attempt');
  assert.equal(codeOf(decideCharge(row({ estado: 'capturado', cargo_id: 'c-1' }), request)), 'answer');
  assert.equal(codeOf(decideCharge(row({ estado: 'rechazado', motivo: 'no' }), request)), 'PAGO.RECHAZADO');
});

test('a refunded, never-charged or cancelled payment is never charged, whatever the request says', () => {
  for (const refunded of [
    row({ estado: 'reembolsado' }),
    row({ estado: 'sin_cargo', importe_centimos: 0, usuario_seudonimo: null }),
    row({ cancelado: true }),
  ]) {
    assert.equal(codeOf(decideCharge(refunded, request)), 'PAGO.CANCELADO');
  }
});

test('another amount, currency or user for the same reservation is a conflict', () => {
  for (const other of [{ cents: 1051 }, { moneda: 'USD' }, { usuario_seudonimo: 'u-2' }]) {
    assert.equal(codeOf(decideCharge(row({ estado: 'capturado' }), { ...request, ...other })), 'PAGO.CONFLICTO');
  }
});
