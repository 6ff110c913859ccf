import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPermanent } from '@eventflow/bus';
import { statusOfFailure } from '../../http/routes.ts';
import { codeOfReason, expectSuccess, messageOfReason } from './answers.ts';

test('a refusal is permanent and carries the outcome code; a success passes its body', () => {
  assert.deepEqual(expectSuccess({ status: 201, body: { a: 1 } }, 'X.Y', 'x'), { a: 1 });
  assert.throws(
    () => expectSuccess({ status: 409, body: {}, code: 'INVENTARIO.AGOTADO' }, 'RESERVA.AGOTADO', 'seats not held'),
    (error: unknown) => isPermanent(error) && (error as { code: string }).code === 'RESERVA.AGOTADO',
  );
});

test('the code of a saga failure is read back from its text, and gives the answer status', () => {
  assert.equal(codeOfReason('RESERVA.PAGO_RECHAZADO: payment not made: 402'), 'RESERVA.PAGO_RECHAZADO');
  assert.equal(codeOfReason('SAGA.STEP_TIMEOUT: attempt timed out after 10 ms'), 'SAGA.STEP_TIMEOUT');
  assert.equal(codeOfReason('something else'), undefined);
  assert.equal(
    codeOfReason('cobrar-pago: RESERVA.PAGO_RECHAZADO: payment not made: PAGO.RECHAZADO'),
    'RESERVA.PAGO_RECHAZADO',
  );
  assert.equal(messageOfReason('cobrar-pago: RESERVA.PAGO_RECHAZADO: payment not made'), 'payment not made');
  assert.equal(statusOfFailure('RESERVA.PAGO_RECHAZADO'), 402);
  assert.equal(statusOfFailure('RESERVA.AGOTADO'), 409);
  assert.equal(statusOfFailure('RESERVA.SERVICIO_NO_DISPONIBLE'), 503);
});
