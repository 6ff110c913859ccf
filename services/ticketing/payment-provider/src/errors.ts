import { ServiceError } from '@eventflow/service';

/** The simulator's typed errors, each with a stable code; the kit answers them as problem+json. */
export const providerErrors = {
  declined: (detail: string, cargoId: string) =>
    new ServiceError('PROVEEDOR.RECHAZADO', 402, 'Charge declined', detail, { cargo_id: cargoId }),
  /** A stored answer given again: same code, title, detail and members as the first time. */
  replayed: (status: number, problem: StoredProblem) =>
    new ServiceError(problem.code, status, problem.title, problem.detail, problem.extra),
  keyReused: (key: string) =>
    new ServiceError(
      'PROVEEDOR.CLAVE_REUTILIZADA',
      422,
      'Idempotency key reused',
      `The Idempotency-Key ${JSON.stringify(key)} was already used for a different request`,
    ),
  unavailable: (detail: string) =>
    new ServiceError('PROVEEDOR.NO_DISPONIBLE', 503, 'Card processor unavailable', detail, { retryAfterSeconds: 1 }),
  invalidAmount: (importe: number) =>
    new ServiceError(
      'PROVEEDOR.IMPORTE_INVALIDO',
      400,
      'Invalid amount',
      `importe ${importe} must be greater than 0 with at most two decimals`,
    ),
  chargeNotFound: (cargoId: string) =>
    new ServiceError('PROVEEDOR.CARGO_NO_EXISTE', 404, 'No such charge', `No charge ${cargoId}`),
  alreadyRefunded: (cargoId: string, reembolsoId: string) =>
    new ServiceError('PROVEEDOR.YA_REEMBOLSADO', 409, 'Charge already refunded', `Charge ${cargoId} was refunded`, {
      reembolso_id: reembolsoId,
    }),
  notRefundable: (cargoId: string) =>
    new ServiceError(
      'PROVEEDOR.NO_REEMBOLSABLE',
      409,
      'Charge not refundable',
      `Charge ${cargoId} was declined: there is nothing to refund`,
    ),
  invalidControl: (detail: string) =>
    new ServiceError('PROVEEDOR.CONTROL_INVALIDO', 400, 'Invalid simulator settings', detail),
};

/** A problem as the idempotency store keeps it, to answer it again. */
export interface StoredProblem {
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly extra: Record<string, unknown>;
}

export function storedProblem(error: ServiceError): StoredProblem {
  return { code: error.code, title: error.title, detail: error.detail ?? error.title, extra: { ...error.extra } };
}
