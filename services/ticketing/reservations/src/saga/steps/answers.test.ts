import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPermanent } from '@eventflow/bus';
import { Unavailable, unavailableDetail } from '../../clients.ts';
import { statusOfFailure } from '../../http/routes.ts';
import { expectSuccess } from './answers.ts';

test('a refusal is permanent and carries the outcome code; a success passes its body', () => {
  assert.deepEqual(expectSuccess({ status: 201, body: { a: 1 } }, 'X.Y', 'x'), { a: 1 });
  assert.throws(
    () => expectSuccess({ status: 409, body: {}, code: 'INVENTARIO.AGOTADO' }, 'RESERVA.AGOTADO', 'seats not held'),
    (error: unknown) => isPermanent(error) && (error as { code: string }).code === 'RESERVA.AGOTADO',
  );
});

test('the code of a saga failure gives the answer status', () => {
  assert.equal(statusOfFailure('RESERVA.PAGO_RECHAZADO'), 402);
  assert.equal(statusOfFailure('RESERVA.AGOTADO'), 409);
  assert.equal(statusOfFailure('RESERVA.SERVICIO_NO_DISPONIBLE'), 503);
});

test('a service that is unavailable is told in words: its problem’s code and detail, not its raw body', () => {
  const body = JSON.stringify({
    retryAfterSeconds: 4,
    type: 'urn:eventflow:problem:PAGO.PROVEEDOR_NO_DISPONIBLE',
    title: 'Card processor unavailable',
    status: 503,
    detail: 'The card processor is unavailable: calls suspended after 5 failures',
    code: 'PAGO.PROVEEDOR_NO_DISPONIBLE',
  });
  assert.equal(
    new Unavailable('payments', unavailableDetail(503, body)).message,
    'payments did not answer: 503 PAGO.PROVEEDOR_NO_DISPONIBLE: The card processor is unavailable: calls suspended after 5 failures',
  );
  assert.equal(unavailableDetail(502, '<html>Bad gateway</html>'), '502 <html>Bad gateway</html>');
  assert.equal(unavailableDetail(500, ''), '500');
});
