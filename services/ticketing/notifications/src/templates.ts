// The emails, in Spanish (the specs' users read Spanish): one pure function per kind, from what the
// event said, the person's contact (opened for this one email) and the event's catalogue entry.
import type { Contacto } from '@eventflow/ticketing-contracts';

export type NotificationKind = 'bienvenida' | 'reserva-confirmada' | 'reserva-fallida';

export interface EventInfo {
  readonly nombre: string;
  readonly fecha: string;
}

export interface Rendered {
  readonly subject: string;
  readonly text: string;
}

export interface ReservationFacts {
  readonly reserva_id: string;
  readonly cantidad: number;
  readonly importe: number;
  readonly codigo?: string;
}

const firma = '\n\n— El equipo de EventFlow';

const euros = (amount: number) => new Intl.NumberFormat('es-ES', { style: 'currency', currency: 'EUR' }).format(amount);

const dia = (iso: string) =>
  new Intl.DateTimeFormat('es-ES', { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));

/** Why a reservation failed, for a person: from the code of the step that gave up. */
export function reasonOf(codigo: string | undefined): string {
  switch (codigo) {
    case 'RESERVA.PAGO_RECHAZADO':
      return 'el pago fue rechazado. Prueba con otro medio de pago.';
    case 'RESERVA.AGOTADO':
    case 'RESERVA.ASIENTOS_RETENIDOS':
      return 'ya no quedaban entradas suficientes.';
    default:
      return 'un problema técnico. Puedes intentarlo de nuevo en unos minutos.';
  }
}

export const templates = {
  bienvenida: (contact: Contacto): Rendered => ({
    subject: 'Bienvenido/a a EventFlow',
    text: `Hola ${contact.nombre}:\n\nTu cuenta de EventFlow está lista. Ya puedes reservar entradas para nuestros eventos.${firma}`,
  }),
  'reserva-confirmada': (contact: Contacto, reserva: ReservationFacts, evento: EventInfo): Rendered => ({
    subject: `Reserva confirmada: ${evento.nombre}`,
    text:
      `Hola ${contact.nombre}:\n\nTu reserva está confirmada: ${reserva.cantidad} entrada(s) para «${evento.nombre}», ` +
      `el ${dia(evento.fecha)} (UTC), por ${euros(reserva.importe)}.\n\nReferencia: ${reserva.reserva_id}${firma}`,
  }),
  'reserva-fallida': (contact: Contacto, reserva: ReservationFacts, evento: EventInfo): Rendered => ({
    subject: `No pudimos completar tu reserva: ${evento.nombre}`,
    text:
      `Hola ${contact.nombre}:\n\nNo pudimos completar tu reserva de ${reserva.cantidad} entrada(s) para «${evento.nombre}»: ` +
      `${reasonOf(reserva.codigo)}\nSi llegamos a cobrarte, el importe ya se ha reembolsado.\n\nReferencia: ${reserva.reserva_id}${firma}`,
  }),
};
