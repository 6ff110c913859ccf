// When the SMTP server does not answer: the bus tries again with backoff, the record counts the
// attempts and keeps the reason (without the address), and after the last attempt the event is on
// ticketing.notificaciones.dlq, carrying a pseudonym and never the person. Real adapters: an
// embedded bus, PGlite, an SMTP client against a port where no server listens any more.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defineTopic } from '@eventflow/bus';
import { openEmbeddedBus } from '@eventflow/bus/embedded';
import { collect, eventually } from '@eventflow/bus/testing';
import { smtpSender } from '@eventflow/mail';
import { startEmbeddedMailServer } from '@eventflow/mail/embedded';
import { migrateSchema } from '@eventflow/sql';
import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { usuariosTopic, type UsuarioCreado } from '@eventflow/ticketing-contracts';
import { deliverer } from './deliver.ts';
import { notificationMigrations } from './migrations.ts';
import { notificationsDeadLetterTopic } from './service.ts';
import { NotificationStore } from './store.ts';

test('an SMTP server that does not answer: retried with backoff, then dead-lettered, the record says why', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'notifications-dlq-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const bus = await openEmbeddedBus({ dir });
  t.after(() => bus.close());
  const sql = await openPGliteDatabase();
  t.after(() => sql.close());
  for (const set of notificationMigrations('notifications')) await migrateSchema(sql, set);
  const store = new NotificationStore(sql, 'notifications');

  // users answers the contact; the SMTP server is gone.
  const users = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(
      JSON.stringify({ usuario_seudonimo: 's', nombre: 'Ana', apellido: 'Gil', email: 'ana.gil@example.test' }),
    );
  });
  await new Promise<void>((resolve) => users.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => users.close(() => resolve())));
  const gone = await startEmbeddedMailServer();
  await gone.close();
  const sender = smtpSender({ url: gone.url, from: 'no-reply@eventflow.local', timeoutMs: 2000 });
  t.after(() => sender.close());
  const mail = {
    kind: 'smtp' as const,
    from: 'no-reply@eventflow.local',
    mailbox: undefined,
    send: (m: Parameters<typeof sender.send>[0]) => sender.send(m),
    ping: () => sender.ping(),
    close: () => Promise.resolve(),
  };

  const outcomes: string[] = [];
  const deliver = deliverer({
    store,
    mail,
    urlOf: () => `http://127.0.0.1:${(users.address() as AddressInfo).port}`,
    maxAttempts: 3,
    onOutcome: (_tipo, outcome) => outcomes.push(outcome),
  });
  const dlq = await collect(
    bus,
    defineTopic<unknown>({ name: notificationsDeadLetterTopic, partitions: 6, schema: {} }),
  );
  t.after(() => dlq.subscription.close());
  const subscription = await bus.subscribe({
    group: 'notifications-test',
    topic: usuariosTopic,
    handle: deliver,
    retry: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 100 },
    deadLetterTopic: notificationsDeadLetterTopic,
  });
  t.after(() => subscription.close());

  const value: UsuarioCreado = {
    usuario_seudonimo: 'seudonimo-de-ana-0000000000000000',
    tipo_documento: 'DNI',
    creado_en: new Date().toISOString(),
  };
  await bus.publish(usuariosTopic, [{ key: value.usuario_seudonimo, value, type: 'UsuarioCreado' }]);

  const [dead] = await eventually(() => (dlq.received.length > 0 ? dlq.received : undefined), 'the dead letter');
  assert.deepEqual(dead?.value, value, 'the event itself, a pseudonym and no person');
  assert.ok(!JSON.stringify(dead).includes('ana.gil@example.test'), 'no address in the dead letter');
  assert.deepEqual(outcomes, ['reintento', 'reintento', 'fallida']);
  const [record] = await store.list({ limit: 10 });
  assert.equal(record?.estado, 'fallida');
  assert.equal(record?.intentos, 3);
  assert.match(record?.ultimo_error ?? '', /ECONNREFUSED|connect/i);
  assert.ok(!(record?.ultimo_error ?? '').includes('ana.gil'), 'no address in the record');
});
