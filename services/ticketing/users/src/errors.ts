import { ServiceError } from '@eventflow/service';

/** The users service's errors, each with a stable code; the kit makes them problem+json. Never personal data in them. */
export const usersErrors = {
  duplicate: (field: 'documento' | 'email') =>
    new ServiceError(
      'USUARIO.DUPLICADO',
      409,
      'User already exists',
      field === 'documento'
        ? 'A user with this tipo_documento and nro_documento already exists'
        : 'A user with this email already exists',
      { campo: field },
    ),
  notFound: (usuarioId: string) =>
    new ServiceError('USUARIO.NO_EXISTE', 404, 'No such user', `No user ${usuarioId}`, { usuario_id: usuarioId }),
  noPseudonym: (seudonimo: string) =>
    new ServiceError('USUARIO.NO_EXISTE', 404, 'No such user', `No user with pseudonym ${seudonimo}`, {
      usuario_seudonimo: seudonimo,
    }),
  erased: (usuarioId: string) =>
    new ServiceError(
      'USUARIO.BORRADO',
      410,
      'User erased',
      `User ${usuarioId} asked to be forgotten: their personal data no longer exists`,
      { usuario_id: usuarioId },
    ),
  exportBelowK: (k: number, minimum: number) =>
    new ServiceError(
      'USUARIO.EXPORTACION_K',
      400,
      'k below the configured minimum',
      `An export needs every row shared by at least ${minimum} users (USERS_EXPORT_K); k=${k} was asked`,
      { k, minimo: minimum },
    ),
  purchaseConflict: (reservaId: string) =>
    new ServiceError(
      'USUARIO.COMPRA_DISTINTA',
      409,
      'Another purchase has this reservation',
      `Reservation ${reservaId} is already registered for this user with another event, quantity or amount`,
      { reserva_id: reservaId },
    ),
};
