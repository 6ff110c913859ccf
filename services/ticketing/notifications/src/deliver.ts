// One event's email, end to end: the record (a repeat stops here), the person's contact asked of
// users by pseudonym (never stored), the event's name, the template, SMTP. What may pass later is
// thrown for the bus to retry with backoff; what never will is a permanent error, which the bus
// sends to the dead-letter topic at once. Either way the record says why.
import { permanentError, type Envelope } from '@eventflow/bus';
import { correlationHeader } from '@eventflow/correlation';
import { isMailError, type Mail } from '@eventflow/mail';
import { httpClient } from '@eventflow/service';
import type { Contacto } from '@eventflow/ticketing-contracts';
import { messageIdOf, notificationOf, withoutAddresses, type Notification } from './notification.ts';
import type { NotificationStore } from './store.ts';
import { templates, type EventInfo, type Rendered } from './templates.ts';

export interface DeliveryDependencies {
  readonly store: NotificationStore;
  readonly mail: Mail;
  readonly urlOf: (service: string) => string;
  /** Attempts the bus makes in all: the last failure marks the record `fallida`. */
  readonly maxAttempts: number;
  /** Events that occurred before this send nothing (history a new consumer group reads). */
  readonly notBefore?: Date;
  readonly now?: () => Date;
  readonly onOutcome?: (
    tipo: string,
    outcome: 'enviada' | 'repetida' | 'descartada' | 'anterior' | 'reintento' | 'fallida',
  ) => void;
}

class Retry extends Error {}

export function deliverer(deps: DeliveryDependencies) {
  const now = deps.now ?? (() => new Date());
  const http = httpClient({ timeoutMs: 5_000 });
  const getJson = async <T>(
    service: string,
    path: string,
    correlationId: string,
  ): Promise<{ status: number; body: T }> => {
    let response: Response;
    try {
      response = await http(`${deps.urlOf(service)}${path}`, {
        headers: { accept: 'application/json', [correlationHeader]: correlationId },
      });
    } catch (error) {
      throw new Retry(`${service} unavailable: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await response.text();
    if (response.status >= 500) throw new Retry(`${service} answered ${response.status}`);
    return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as T };
  };

  const render = async (n: Notification, contact: Contacto, correlationId: string): Promise<Rendered> => {
    if (n.reserva === undefined) return templates.bienvenida(contact);
    const evento = await getJson<EventInfo>(
      'events',
      `/api/eventos/${encodeURIComponent(n.reserva.evento_id)}`,
      correlationId,
    );
    const info: EventInfo =
      evento.status === 200 ? evento.body : { nombre: 'tu evento', fecha: new Date(0).toISOString() };
    return n.tipo === 'reserva-confirmada'
      ? templates['reserva-confirmada'](contact, n.reserva, info)
      : templates['reserva-fallida'](contact, n.reserva, info);
  };

  return async (message: Envelope<unknown>): Promise<void> => {
    const n = notificationOf(message);
    if (n === undefined) return;
    if (deps.notBefore !== undefined && Date.parse(message.headers.occurredAt) < deps.notBefore.getTime()) {
      deps.onOutcome?.(n.tipo, 'anterior');
      return;
    }
    const correlationId = message.headers.correlationId;
    const messageId = messageIdOf(n.clave);
    const row = await deps.store.begin(n, messageId, correlationId, now());
    if (row.estado === 'enviada' || row.estado === 'descartada') {
      deps.onOutcome?.(n.tipo, 'repetida');
      return;
    }
    try {
      const contact = await getJson<Contacto>(
        'users',
        `/internal/seudonimos/${encodeURIComponent(n.usuario_seudonimo)}/contacto`,
        correlationId,
      );
      if (contact.status === 410) {
        // The person asked to be forgotten: nobody to write to, and nothing to retry.
        await deps.store.finish(n.clave, 'descartada', now(), 'USUARIO.BORRADO');
        deps.onOutcome?.(n.tipo, 'descartada');
        return;
      }
      if (contact.status !== 200) throw permanentError(`users answered ${contact.status} for the pseudonym`);
      const rendered = await render(n, contact.body, correlationId);
      await deps.mail.send({
        to: contact.body.email,
        subject: rendered.subject,
        text: rendered.text,
        messageId,
        headers: { 'X-Correlation-Id': correlationId, 'X-EventFlow-Notificacion': n.clave },
      });
      await deps.store.finish(n.clave, 'enviada', now());
      deps.onOutcome?.(n.tipo, 'enviada');
    } catch (error) {
      const permanent =
        (isMailError(error) && !error.retryable) || (error as { retryable?: boolean }).retryable === false;
      const reason = withoutAddresses(error instanceof Error ? error.message : String(error));
      const last = permanent || message.attempt >= deps.maxAttempts;
      if (last) await deps.store.finish(n.clave, 'fallida', now(), reason);
      else await deps.store.failedAttempt(n.clave, reason, now());
      deps.onOutcome?.(n.tipo, last ? 'fallida' : 'reintento');
      throw permanent ? permanentError(reason, { cause: error }) : new Retry(reason);
    }
  };
}
