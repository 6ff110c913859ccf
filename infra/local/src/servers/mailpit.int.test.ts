import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import nodemailer from 'nodemailer';
import { connectionSettings } from '../settings.ts';
import { waitFor } from '../wait.ts';

interface Address {
  readonly Name: string;
  readonly Address: string;
}

interface MessageSummary {
  readonly ID: string;
  readonly From: Address;
  readonly To: readonly Address[];
  readonly Subject: string;
}

interface Message extends MessageSummary {
  readonly Text: string;
}

test('Mailpit: an email sent over SMTP (with any credentials) is listed by its HTTP API', async (t) => {
  const { smtpUrl, mailpitUrl } = connectionSettings();
  const api = (path: string): URL => new URL(path, mailpitUrl.endsWith('/') ? mailpitUrl : `${mailpitUrl}/`);
  const smtp = new URL(smtpUrl);
  const transport = nodemailer.createTransport({
    host: smtp.hostname,
    port: smtp.port === '' ? 1025 : Number(smtp.port),
    secure: false,
    // Mailpit accepts any username and password, over plain SMTP.
    auth: { user: 'eventflow-it', pass: 'anything' },
  });
  t.after(() => transport.close());

  const id = randomUUID();
  const to = `it-${id}@eventflow.test`;
  const subject = `Mailpit integration ${id}`;
  const text = `Hello from the integration test ${id}.`;
  const sent = await transport.sendMail({ from: 'EventFlow <no-reply@eventflow.test>', to, subject, text });
  assert.deepEqual(sent.accepted, [to]);

  let found: MessageSummary | undefined;
  await waitFor(
    async () => {
      const response = await fetch(api(`api/v1/search?query=${encodeURIComponent(`to:"${to}"`)}`));
      assert.equal(response.status, 200);
      const body = (await response.json()) as { messages: MessageSummary[] };
      found = body.messages.find((message) => message.Subject === subject);
      return found !== undefined;
    },
    { what: 'the message in Mailpit', timeoutMs: 10_000 },
  );
  assert.ok(found !== undefined);
  const messageId = found.ID;
  // Only the message this test sent is deleted.
  t.after(async () => {
    await fetch(api('api/v1/messages'), {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ IDs: [messageId] }),
    });
  });
  assert.deepEqual(
    found.To.map((address) => address.Address),
    [to],
  );
  assert.equal(found.From.Address, 'no-reply@eventflow.test');

  const response = await fetch(api(`api/v1/message/${messageId}`));
  assert.equal(response.status, 200);
  const message = (await response.json()) as Message;
  assert.equal(message.Subject, subject);
  assert.deepEqual(
    message.To.map((address) => address.Address),
    [to],
  );
  assert.equal(message.Text.trim(), text);
});
