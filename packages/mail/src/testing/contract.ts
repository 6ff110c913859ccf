// The mail port's contract: every adapter sends over SMTP and reads back what the server received.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import type { Mail, ReceivedMail } from '../port.ts';

/** Polls the mailbox until `found` holds (a server may store a message a moment after it said 250). */
export async function awaitMail(
  mail: Mail,
  to: string,
  found: (mails: ReceivedMail[]) => boolean = (mails) => mails.length > 0,
  timeoutMs = 10_000,
): Promise<ReceivedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = (await mail.mailbox?.list({ to })) ?? [];
    if (found(mails)) return mails;
    if (Date.now() > deadline) throw new Error(`no such mail to ${to} (have ${mails.length})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function mailContract(name: string, open: (t: TestContext) => Promise<Mail>): void {
  test(`${name}: an email sent over SMTP is in the mailbox, as sent`, async (t) => {
    const mail = await open(t);
    assert.match(await mail.ping(), /smtp/);
    const to = `ana.${randomUUID().slice(0, 8)}@example.org`;
    const messageId = `${randomUUID()}@eventflow.test`;
    const sent = await mail.send({
      to,
      subject: 'Tu reserva está confirmada ✓',
      text: 'Hola Ana,\nreservaste 2 entradas.',
      messageId,
      headers: { 'X-Correlation-Id': 'corr-42' },
    });
    assert.deepEqual(sent.accepted, [to]);
    assert.equal(sent.messageId, messageId);
    const [received] = await awaitMail(mail, to);
    assert.ok(received);
    assert.equal(received.messageId, messageId);
    assert.deepEqual(received.to, [to]);
    assert.equal(received.from, mail.from.replace(/^.*<|>$/g, ''));
    assert.equal(received.subject, 'Tu reserva está confirmada ✓');
    assert.equal(received.text.trim(), 'Hola Ana,\nreservaste 2 entradas.');
    assert.equal(received.correlationId, 'corr-42');
    assert.ok(Number.isFinite(Date.parse(received.receivedAt)));
  });

  test(`${name}: the mailbox lists newest first, by recipient, at most the limit`, async (t) => {
    const mail = await open(t);
    const to = `bruno.${randomUUID().slice(0, 8)}@example.org`;
    for (const n of [1, 2, 3]) {
      await mail.send({ to, subject: `n${n}`, text: `${n}`, messageId: `${randomUUID()}@eventflow.test` });
    }
    await mail.send({
      to: `otro.${randomUUID().slice(0, 8)}@example.org`,
      subject: 'x',
      text: 'x',
      messageId: `${randomUUID()}@t`,
    });
    const mails = await awaitMail(mail, to, (m) => m.length === 3);
    assert.deepEqual(
      mails.map((m) => m.subject),
      ['n3', 'n2', 'n1'],
    );
    assert.deepEqual(
      (await mail.mailbox?.list({ to, limit: 2 }))?.map((m) => m.subject),
      ['n3', 'n2'],
    );
  });
}
