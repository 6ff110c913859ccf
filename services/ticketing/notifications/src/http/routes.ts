import type { Mail } from '@eventflow/mail';
import { problemSchema, ServiceError, type RoutePlugin } from '@eventflow/service';
import type { Estado, NotificationStore } from '../store.ts';

const problem = { $ref: `${problemSchema.$id}#` } as const;
const estados = ['enviando', 'enviada', 'descartada', 'fallida'] as const;
const tags = ['notificaciones'];
const limit = { type: 'integer', minimum: 1, maximum: 200, default: 50 } as const;

const recordSchema = {
  type: 'object',
  required: ['clave', 'tipo', 'usuario_seudonimo', 'estado', 'intentos', 'message_id', 'creada_en', 'actualizada_en'],
  properties: {
    clave: {
      type: 'string',
      description: '<kind>:<pseudonym or reservation>: one email per key, however often the event comes',
    },
    tipo: { enum: ['bienvenida', 'reserva-confirmada', 'reserva-fallida'] },
    usuario_seudonimo: { type: 'string' },
    reserva_id: { type: ['string', 'null'] },
    estado: { enum: [...estados] },
    intentos: { type: 'integer' },
    message_id: { type: 'string', description: 'The email’s Message-ID, the same on every attempt' },
    correlation_id: { type: ['string', 'null'] },
    ultimo_error: { type: ['string', 'null'], description: 'Why the last attempt failed (no address in it)' },
    creada_en: { type: 'string', format: 'date-time' },
    actualizada_en: { type: 'string', format: 'date-time' },
  },
} as const;

const mailSchema = {
  type: 'object',
  required: ['id', 'messageId', 'from', 'to', 'subject', 'text', 'receivedAt'],
  properties: {
    id: { type: 'string' },
    messageId: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'array', items: { type: 'string' } },
    subject: { type: 'string' },
    text: { type: 'string' },
    receivedAt: { type: 'string', format: 'date-time' },
    correlationId: { type: 'string' },
  },
} as const;

/** The notifications' records (no personal data) and the development mailbox (what the SMTP server received). */
export function notificationRoutes(store: NotificationStore, mail: Mail): RoutePlugin {
  return (app) => {
    app.get<{ Querystring: { estado?: Estado; limit: number } }>(
      '/api/notificaciones',
      {
        schema: {
          tags,
          summary: 'Notifications, newest first: their state, attempts and last error (pseudonyms and ids only)',
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: { estado: { enum: [...estados] }, limit },
          },
          response: {
            200: {
              type: 'object',
              required: ['resumen', 'notificaciones'],
              properties: {
                resumen: {
                  type: 'object',
                  properties: Object.fromEntries(estados.map((e) => [e, { type: 'integer' }])),
                },
                notificaciones: { type: 'array', items: recordSchema },
              },
            },
            400: problem,
          },
        },
      },
      async (request) => ({
        resumen: await store.counts(),
        notificaciones: await store.list({
          limit: request.query.limit,
          ...(request.query.estado === undefined ? {} : { estado: request.query.estado }),
        }),
      }),
    );

    app.get<{ Querystring: { para?: string; limit: number } }>(
      '/api/notificaciones/buzon',
      {
        schema: {
          tags,
          summary:
            'The development mailbox: what the SMTP server received, newest first (Mailpit distributed, the in-process server embedded)',
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              para: { type: 'string', format: 'email', description: 'Only emails to this address' },
              limit,
            },
          },
          response: { 200: { type: 'array', items: mailSchema }, 400: problem, 503: problem },
        },
      },
      async (request) => {
        if (mail.mailbox === undefined) {
          throw new ServiceError(
            'NOTIFICACIONES.SIN_BUZON',
            503,
            'No mailbox to read',
            'The SMTP server has no API to list what it received (set MAILPIT_URL when it is Mailpit)',
          );
        }
        return mail.mailbox.list({
          limit: request.query.limit,
          ...(request.query.para === undefined ? {} : { to: request.query.para.toLowerCase() }),
        });
      },
    );
  };
}
