// Notifications distributed: a process each on Kafka, PostgreSQL, MongoDB and Redis, sending through
// Mailpit, the real SMTP server `npm run infra:up` runs; the emails read back through the gateway
// (GET /api/notificaciones/buzon, which reads Mailpit's API).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import type { ReceivedMail } from '@eventflow/mail';
import { createEvent } from '@eventflow/ticketing/driver';
import { ticketingDistributed } from './distributed.ts';

const json = { 'content-type': 'application/json' };

test('distributed: the welcome and confirmation emails reach Mailpit over SMTP, once each', async (t) => {
  const platform = await ticketingDistributed(t, 'ticketing-mail', { PAYMENT_PROVIDER_LATENCY_MS: '1-2' });
  const url = platform.url;
  const tag = randomUUID().slice(0, 8);
  const email = `mario.${tag}@example.test`;
  const created = await fetch(`${url}/api/usuarios`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ tipo_documento: 'DNI', nro_documento: `M${tag}`, nombre: 'Mario', apellido: 'Ruiz', email }),
  });
  assert.equal(created.status, 201);
  const usuario = ((await created.json()) as { usuario_id: string }).usuario_id;
  const evento = await createEvent(url, 5, { nombre: `Teatro ${tag}` });
  const reserved = await fetch(`${url}/api/reservar`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ usuario_id: usuario, evento_id: evento, cantidad: 1 }),
  });
  assert.ok([201, 202].includes(reserved.status), String(reserved.status));

  const mails = await eventually(
    async () => {
      const inbox = (await (
        await fetch(`${url}/api/notificaciones/buzon?para=${encodeURIComponent(email)}`)
      ).json()) as ReceivedMail[];
      return inbox.length >= 2 ? inbox : undefined;
    },
    'two emails in Mailpit',
    60_000,
  );
  assert.deepEqual(mails.map((m) => m.subject).sort(), [
    'Bienvenido/a a EventFlow',
    `Reserva confirmada: Teatro ${tag}`,
  ]);
  for (const mail of mails) {
    assert.deepEqual(mail.to, [email]);
    assert.match(mail.messageId, /@notificaciones\.eventflow\.local$/);
    assert.ok(mail.correlationId);
  }
  const records = (await (await fetch(`${url}/api/notificaciones`)).json()) as { resumen: Record<string, number> };
  assert.equal(records.resumen['enviada'], 2, JSON.stringify(records));
});
