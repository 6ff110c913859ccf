import { randomUUID } from 'node:crypto';
import type { Compra } from '@eventflow/ticketing-contracts';
import type { NewUser } from '../users/user.ts';

/** A user of the test's own: a document number and an email no other test uses. */
export function sampleUser(overrides: Partial<NewUser> = {}): NewUser {
  const unique = randomUUID().slice(0, 8);
  return {
    tipo_documento: 'DNI',
    nro_documento: `X${unique}`,
    nombre: 'Ada',
    apellido: 'Lovelace',
    email: `ada.${unique}@example.org`,
    ...overrides,
  };
}

/** A purchase of a reservation of the test's own. */
export function samplePurchase(overrides: Partial<Compra> = {}): Compra {
  return {
    reserva_id: `r-${randomUUID()}`,
    evento_id: `e-${randomUUID()}`,
    cantidad: 2,
    importe: 90.5,
    fecha: '2025-11-01T20:00:00.000Z',
    ...overrides,
  };
}
