// What a ticketing event asks of this service: which email, to whom (a pseudonym) and under which
// key. The key is what makes a redelivered event send one email: one row per key, ever.
import { createHash } from 'node:crypto';
import type { Envelope } from '@eventflow/bus';
import type { ReservaCambiada, UsuarioCreado } from '@eventflow/ticketing-contracts';
import type { NotificationKind, ReservationFacts } from './templates.ts';

export interface Notification {
  /** `<kind>:<pseudonym or reservation>`: one email per key. */
  readonly clave: string;
  readonly tipo: NotificationKind;
  readonly usuario_seudonimo: string;
  readonly reserva?: ReservationFacts & { readonly evento_id: string };
}

/** The notification an event asks for, or undefined (CompraRegistrada and the like ask for none). */
export function notificationOf(message: Envelope<unknown>): Notification | undefined {
  switch (message.headers.type) {
    case 'UsuarioCreado': {
      const value = message.value as UsuarioCreado;
      return {
        clave: `bienvenida:${value.usuario_seudonimo}`,
        tipo: 'bienvenida',
        usuario_seudonimo: value.usuario_seudonimo,
      };
    }
    case 'ReservaConfirmada':
    case 'ReservaFallida': {
      const value = message.value as ReservaCambiada;
      const tipo = message.headers.type === 'ReservaConfirmada' ? 'reserva-confirmada' : 'reserva-fallida';
      return {
        clave: `${tipo}:${value.reserva_id}`,
        tipo,
        usuario_seudonimo: value.usuario_seudonimo,
        reserva: {
          reserva_id: value.reserva_id,
          evento_id: value.evento_id,
          cantidad: value.cantidad,
          importe: value.importe,
          ...(value.codigo === undefined ? {} : { codigo: value.codigo }),
        },
      };
    }
    default:
      return undefined;
  }
}

/**
 * The email's Message-ID, the same for every attempt at one notification: should a crash between the
 * SMTP server's 250 and our record send it again, mail systems can tell it is the same email.
 */
export function messageIdOf(clave: string): string {
  return `${createHash('sha256').update(clave).digest('hex').slice(0, 32)}@notificaciones.eventflow.local`;
}

/** An error's text without any email address in it (an SMTP refusal may quote the recipient). */
export function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>@"']+@[^\s<>@"']+/g, '<dirección>').slice(0, 500);
}
