import { ServiceError } from '@eventflow/service';

/** The events service's errors, each with a stable code; the kit makes them problem+json. */
export const eventsErrors = {
  notFound: (eventoId: string) =>
    new ServiceError('EVENTO.NO_EXISTE', 404, 'No such event', `No event ${eventoId}`, { evento_id: eventoId }),
  pastDate: (fecha: string) =>
    new ServiceError('EVENTO.FECHA_PASADA', 400, 'The event date has passed', `fecha ${fecha} is not in the future`),
  farDate: (fecha: string, latest: string) =>
    new ServiceError(
      'EVENTO.FECHA_LEJANA',
      400,
      'The event date is too far ahead',
      `fecha ${fecha} is more than ten years ahead (the latest is ${latest})`,
    ),
  badPrice: (precio: number) =>
    new ServiceError('EVENTO.PRECIO_INVALIDO', 400, 'Invalid price', `precio ${precio} has more than two decimals`),
  inventoryUnavailable: (detail: string, retryAfterSeconds: number) =>
    new ServiceError('EVENTO.INVENTARIO_NO_DISPONIBLE', 503, 'Inventory unavailable', detail, { retryAfterSeconds }),
  inventoryRefused: (status: number, code: string | undefined) =>
    new ServiceError(
      'EVENTO.INVENTARIO_RECHAZO',
      502,
      'Inventory refused the seats',
      `Inventory answered ${status}${code === undefined ? '' : ` ${code}`} to creating the event's seats`,
      { status, ...(code === undefined ? {} : { inventoryCode: code }) },
    ),
};
