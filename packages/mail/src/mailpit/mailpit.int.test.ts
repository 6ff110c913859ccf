// The same contract against Mailpit, the SMTP server `npm run infra:up` runs (SMTP_URL, MAILPIT_URL).
import { servers } from '@eventflow/host/testing';
import { mailContract } from '../testing/contract.ts';
import { openSmtpMail } from './index.ts';

mailContract('Mailpit', (t) => {
  const mail = openSmtpMail({
    smtpUrl: servers.smtpUrl,
    mailpitUrl: servers.mailpitUrl,
    from: 'EventFlow <no-reply@eventflow.local>',
  });
  t.after(() => mail.close());
  return Promise.resolve(mail);
});
