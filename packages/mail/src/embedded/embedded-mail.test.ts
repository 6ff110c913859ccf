import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMailError } from '../errors.ts';
import { smtpSender } from '../smtp/smtp-sender.ts';
import { mailContract } from '../testing/contract.ts';
import { openEmbeddedMail, startEmbeddedMailServer } from './index.ts';

mailContract('embedded (in-process SMTP server)', async (t) => {
  const mail = await openEmbeddedMail({ from: 'EventFlow <no-reply@eventflow.local>' });
  t.after(() => mail.close());
  return mail;
});

test('embedded: the mailbox keeps the newest maxMessages', async (t) => {
  const server = await startEmbeddedMailServer({ maxMessages: 2 });
  const sender = smtpSender({ url: server.url, from: 'x@eventflow.local' });
  t.after(async () => {
    sender.close();
    await server.close();
  });
  for (const n of [1, 2, 3])
    await sender.send({ to: 'a@example.org', subject: `n${n}`, text: '.', messageId: `m${n}@t` });
  assert.deepEqual(
    (await server.mailbox.list()).map((m) => m.subject),
    ['n3', 'n2'],
  );
});

test('a server that does not answer is MAIL.UNAVAILABLE, retryable', async (t) => {
  const server = await startEmbeddedMailServer();
  const url = server.url;
  await server.close();
  const sender = smtpSender({ url, from: 'x@eventflow.local', timeoutMs: 2000 });
  t.after(() => sender.close());
  const error = await sender
    .send({ to: 'a@example.org', subject: 's', text: 't', messageId: 'm@t' })
    .catch((e: unknown) => e);
  assert.ok(isMailError(error), String(error));
  assert.equal(error.code, 'MAIL.UNAVAILABLE');
  assert.equal(error.retryable, true);
});
