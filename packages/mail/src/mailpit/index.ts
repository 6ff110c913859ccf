import type { Mail } from '../port.ts';
import { smtpSender } from '../smtp/smtp-sender.ts';
import { mailpitMailbox } from './mailpit-mailbox.ts';

export { mailpitMailbox, mailpitVersion } from './mailpit-mailbox.ts';

export interface SmtpMailOptions {
  /** SMTP_URL: where email is sent. */
  readonly smtpUrl: string;
  /** MAILPIT_URL: Mailpit's HTTP API, to read back what it received (none: no mailbox). */
  readonly mailpitUrl?: string;
  readonly from: string;
}

/** Email through an SMTP server; read back through Mailpit's API when it is that server. */
export function openSmtpMail(options: SmtpMailOptions): Mail {
  const sender = smtpSender({ url: options.smtpUrl, from: options.from });
  return {
    kind: 'smtp',
    from: options.from,
    send: (mail) => sender.send(mail),
    mailbox: options.mailpitUrl === undefined ? undefined : mailpitMailbox(options.mailpitUrl),
    ping: () => sender.ping(),
    close: () => Promise.resolve(sender.close()),
  };
}
