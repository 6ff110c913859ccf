// The embedded platform's SMTP server: a real one (smtp-server, the protocol in full), in the
// process, on a port of its own on 127.0.0.1, keeping the last messages it received in memory, like
// a development mailbox. The platform sends to it over SMTP exactly as it sends to Mailpit.
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Mailbox, ReceivedMail } from '../port.ts';

export interface EmbeddedMailServer {
  /** smtp://127.0.0.1:<port> */
  readonly url: string;
  readonly mailbox: Mailbox;
  close(): Promise<void>;
}

export interface EmbeddedMailServerOptions {
  /** The oldest are dropped past this many. @default 1000 */
  readonly maxMessages?: number;
}

const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field === undefined ? [] : [field]).flatMap((a) =>
    a.value.map((v) => v.address ?? ''),
  );

export async function startEmbeddedMailServer(options: EmbeddedMailServerOptions = {}): Promise<EmbeddedMailServer> {
  const max = options.maxMessages ?? 1000;
  const received: ReceivedMail[] = [];
  let next = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          next += 1;
          const correlation = parsed.headers.get('x-correlation-id');
          received.push({
            id: String(next),
            messageId: (parsed.messageId ?? '').replace(/^<|>$/g, ''),
            from: addresses(parsed.from)[0] ?? '',
            to: addresses(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            receivedAt: new Date().toISOString(),
            ...(typeof correlation === 'string' ? { correlationId: correlation } : {}),
          });
          if (received.length > max) received.splice(0, received.length - max);
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mailbox: {
      list(query = {}) {
        const matching = received.filter((mail) => query.to === undefined || mail.to.includes(query.to.toLowerCase()));
        return Promise.resolve(matching.slice(-(query.limit ?? 50)).reverse());
      },
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
