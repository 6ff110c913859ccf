// Sending over SMTP with nodemailer: one pooled transport per service, its answers turned into
// MailError codes (a 5xx is permanent, anything else may pass later).
import nodemailer from 'nodemailer';
import { MailError } from '../errors.ts';
import type { OutgoingMail, SentMail } from '../port.ts';

export interface SmtpSenderOptions {
  /** smtp://host:port (smtps:// for TLS); user and password in the URL when the server wants them. */
  readonly url: string;
  /** The From of every email. */
  readonly from: string;
  /** @default 10000 */
  readonly timeoutMs?: number;
}

export interface SmtpSender {
  send(mail: OutgoingMail): Promise<SentMail>;
  ping(): Promise<string>;
  close(): void;
}

export function smtpSender(options: SmtpSenderOptions): SmtpSender {
  const timeout = options.timeoutMs ?? 10_000;
  const url = new URL(options.url);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
    secure: url.protocol === 'smtps:',
    ...(url.username === ''
      ? {}
      : { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }),
    pool: true,
    maxConnections: 2,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // A local server without TLS (Mailpit, the embedded one) must not be refused for it.
    ignoreTLS: url.protocol === 'smtp:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost'),
  });
  return {
    async send(mail) {
      try {
        const sent = await transport.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html === undefined ? {} : { html: mail.html }),
          messageId: `<${mail.messageId}>`,
          ...(mail.headers === undefined ? {} : { headers: { ...mail.headers } }),
        });
        const accepted = (sent.accepted as Array<string | { address: string }>).map((a) =>
          typeof a === 'string' ? a : a.address,
        );
        if (accepted.length === 0) throw new MailError('MAIL.REJECTED', `no recipient accepted: ${sent.response}`);
        return { messageId: mail.messageId, accepted, response: sent.response };
      } catch (error) {
        throw asMailError(error);
      }
    },
    async ping() {
      try {
        await transport.verify();
        return `smtp ${url.host}`;
      } catch (error) {
        throw asMailError(error);
      }
    },
    close: () => transport.close(),
  };
}

function asMailError(error: unknown): MailError {
  if (error instanceof MailError) return error;
  const code = (error as { responseCode?: number }).responseCode;
  const message = error instanceof Error ? error.message : String(error);
  return new MailError(code !== undefined && code >= 500 ? 'MAIL.REJECTED' : 'MAIL.UNAVAILABLE', message, {
    cause: error,
  });
}
