export { MailError, isMailError, type MailErrorCode } from './errors.ts';
export type { Mail, Mailbox, MailboxQuery, OutgoingMail, ReceivedMail, SentMail } from './port.ts';
export { smtpSender, type SmtpSender, type SmtpSenderOptions } from './smtp/smtp-sender.ts';
