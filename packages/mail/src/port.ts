// The mail port: send an email over SMTP, and read back what a mailbox received (for the console,
// the tests and a person trying the platform). Sending is always SMTP (nodemailer); the mailbox is
// Mailpit's HTTP API on the servers, or the in-process SMTP server's own list embedded.

/** One email to one person. */
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /**
   * The Message-ID, without angle brackets: give a stable one (derived from what the mail is about)
   * so that a resend after a crash is recognisable as the same email by any mail system.
   */
  readonly messageId: string;
  /** Extra headers (X-Correlation-Id…). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface SentMail {
  readonly messageId: string;
  readonly accepted: readonly string[];
  /** The SMTP server's last answer ("250 2.0.0 Ok: queued as …"). */
  readonly response: string;
}

/** An email as a mailbox received it. */
export interface ReceivedMail {
  readonly id: string;
  /** Without angle brackets. */
  readonly messageId: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly receivedAt: string;
  readonly correlationId?: string;
}

export interface MailboxQuery {
  /** Only emails to this address. */
  readonly to?: string;
  /** Newest first, at most this many. @default 50 */
  readonly limit?: number;
}

/** What a mail server received, newest first. */
export interface Mailbox {
  list(query?: MailboxQuery): Promise<ReceivedMail[]>;
}

export interface Mail {
  readonly kind: 'embedded' | 'smtp';
  /** The sender address of every email (MAIL_FROM). */
  readonly from: string;
  /** Throws MailError: MAIL.REJECTED (permanent, do not retry) or MAIL.UNAVAILABLE (retry later). */
  send(mail: OutgoingMail): Promise<SentMail>;
  /** Where sent mail can be read back: undefined when the SMTP server offers no way to list it. */
  readonly mailbox: Mailbox | undefined;
  /** A real round trip to the SMTP server (EHLO). */
  ping(): Promise<string>;
  close(): Promise<void>;
}
