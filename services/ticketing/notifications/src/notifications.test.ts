// Notifications on the embedded platform, as a person would see them: a welcome email when they sign
// up, one when their reservation is confirmed, one when it fails; the same event delivered again
// sends nothing more. The emails go over SMTP to the platform's in-process SMTP server and are read
// back from GET /api/notificaciones/buzon.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { gateway } from '@eventflow/gateway/descriptor';
import { embeddedPlatform } from '@eventflow/host/testing';
import type { ReceivedMail } from '@eventflow/mail';
import { ticketingServices } from '@eventflow/ticketing';
import { createEvent } from '@eventflow/ticketing/driver';
import { usuariosTopic, type UsuarioCreado } from '@eventflow/ticketing-contracts';

const json = { 'content-type': 'application/json' };

test('notifications: welcome, confirmed, failed; a redelivered event sends one email', async (t) => {
  const platform = await embeddedPlatform(t, [gateway, ...ticketingServices], {
    PAYMENT_PROVIDER_LATENCY_MS: '1-2',
    RESERVATIONS_WAIT_MS: '10000',
  });
  const url = platform.url;
  const tag = randomUUID().slice(0, 8);
  const email = `lucia.${tag}@example.test`;
  const created = await fetch(`${url}/api/usuarios`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({
      tipo_documento: 'DNI',
      nro_documento: `N${tag}`,
      nombre: 'Lucía',
      apellido: 'Pérez',
      email,
    }),
  });
  assert.equal(created.status, 201);
  const usuario = ((await created.json()) as { usuario_id: string }).usuario_id;
  const inbox = async () =>
    (await (await fetch(`${url}/api/notificaciones/buzon?para=${encodeURIComponent(email)}`)).json()) as ReceivedMail[];
  const withSubject = async (prefix: string) => (await inbox()).filter((m) => m.subject.startsWith(prefix));

  const [welcome] = await eventually(async () => {
    const found = await withSubject('Bienvenido/a');
    return found.length > 0 ? found : undefined;
  }, 'the welcome email');
  assert.ok(welcome);
  assert.deepEqual(welcome.to, [email]);
  assert.match(welcome.text, /^Hola Lucía:/);
  assert.equal(welcome.from, 'no-reply@eventflow.local');
  assert.ok(welcome.correlationId, 'the correlation id travels in the email’s headers');

  const evento = await createEvent(url, 10, { nombre: `Concierto ${tag}`, precio: 12.5 });
  const reservar = (cantidad: number) =>
    fetch(`${url}/api/reservar`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ usuario_id: usuario, evento_id: evento, cantidad }),
    });
  assert.equal((await reservar(2)).status, 201);
  const [confirmed] = await eventually(async () => {
    const found = await withSubject('Reserva confirmada');
    return found.length > 0 ? found : undefined;
  }, 'the confirmation email');
  assert.equal(confirmed?.subject, `Reserva confirmada: Concierto ${tag}`);
  assert.match(confirmed?.text ?? '', /2 entrada\(s\) para «Concierto .*», .* por 25,00\s€/);

  const control = (body: unknown) =>
    fetch(`${url}/api/proveedor-pagos/control`, { method: 'PUT', headers: json, body: JSON.stringify(body) });
  await control({ tasa_rechazo: 1 });
  assert.equal((await reservar(1)).status, 402);
  const [failed] = await eventually(async () => {
    const found = await withSubject('No pudimos completar');
    return found.length > 0 ? found : undefined;
  }, 'the failure email');
  assert.match(failed?.text ?? '', /el pago fue rechazado/);
  await control({ tasa_rechazo: 0 });

  // The same UsuarioCreado again (a redelivery): counted as a repeat, no second email.
  const records = (await (await fetch(`${url}/api/notificaciones?limit=200`)).json()) as {
    notificaciones: Array<{ clave: string; usuario_seudonimo: string; tipo: string; estado: string; intentos: number }>;
  };
  const mine = records.notificaciones.find(
    (n) => n.tipo === 'bienvenida' && welcome.messageId.length > 0 && n.estado === 'enviada',
  );
  assert.ok(mine);
  const seudonimo = records.notificaciones.find((n) => n.tipo === 'reserva-confirmada')?.usuario_seudonimo;
  assert.ok(seudonimo);
  const repeats = async () => {
    const text = await (await fetch(`${platform.urlOf('notifications')}/metrics`)).text();
    const line = text
      .split('\n')
      .find(
        (l) =>
          l.startsWith('notifications_total{') && l.includes('tipo="bienvenida"') && l.includes('resultado="repetida"'),
      );
    return Number(line?.split(' ').at(-1) ?? 0);
  };
  const before = await repeats();
  const value: UsuarioCreado = {
    usuario_seudonimo: seudonimo,
    tipo_documento: 'DNI',
    creado_en: new Date().toISOString(),
  };
  await platform.bus.publish(usuariosTopic, [{ key: seudonimo, value, type: 'UsuarioCreado' }]);
  await eventually(async () => (await repeats()) > before, 'the redelivery seen as a repeat');
  assert.equal((await withSubject('Bienvenido/a')).length, 1, 'one welcome email');
  assert.equal((await withSubject('Reserva confirmada')).length, 1);

  // The records hold no personal data.
  const all = JSON.stringify(records);
  for (const value of [email, 'Lucía', 'Pérez', usuario]) assert.ok(!all.includes(value), `records carry ${value}`);
});
