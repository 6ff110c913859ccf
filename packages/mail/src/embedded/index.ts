import type { Mail } from '../port.ts';
import { smtpSender } from '../smtp/smtp-sender.ts';
import { startEmbeddedMailServer, type EmbeddedMailServerOptions } from './embedded-mail-server.ts';

export { startEmbeddedMailServer, type EmbeddedMailServer } from './embedded-mail-server.ts';

/** Email for the embedded platform: an SMTP server in the process, sent to over SMTP, its mailbox in memory. */
export async function openEmbeddedMail(options: EmbeddedMailServerOptions & { readonly from: string }): Promise<Mail> {
  const server = await startEmbeddedMailServer(options);
  const sender = smtpSender({ url: server.url, from: options.from });
  return {
    kind: 'embedded',
    from: options.from,
    send: (mail) => sender.send(mail),
    mailbox: server.mailbox,
    ping: () => sender.ping(),
    async close() {
      sender.close();
      await server.close();
    },
  };
}
