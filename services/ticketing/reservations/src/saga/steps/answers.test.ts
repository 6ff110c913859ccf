import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPermanent } from '@eventflow/bus';
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
