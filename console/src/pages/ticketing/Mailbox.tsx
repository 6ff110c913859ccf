import { ticketingApi } from '../../api/ticketing.ts';
import { usePolling } from '../../hooks/usePolling.ts';
import { Notice } from '../../ui/Notice.tsx';
import { Panel } from '../../ui/Panel.tsx';

/**
 * The notifications: how many were sent, dropped or failed, and the newest emails as the SMTP server
 * received them (Mailpit distributed, the in-process server embedded), each opened on a click.
 */
export function Mailbox() {
  const mails = usePolling(() => ticketingApi.mailbox(10), 3000, []);
  const records = usePolling(() => ticketingApi.notifications(1), 3000, []);
  const resumen = records.data?.resumen;
  return (
    <Panel
      title="Mailbox"
      className="mailbox"
      actions={
        resumen === undefined ? null : (
          <span className="muted" aria-label="Notifications">
            {resumen.enviada} sent · {resumen.enviando} sending · {resumen.fallida} failed · {resumen.descartada}{' '}
            dropped (erased)
          </span>
        )
      }
    >
      <Notice>{mails.error ?? records.error}</Notice>
      {mails.data?.length === 0 ? (
        <p className="empty">No email yet: create a user or make a reservation.</p>
      ) : (
        <ul className="mails">
          {(mails.data ?? []).map((mail) => (
            <li key={mail.id} data-message-id={mail.messageId}>
              <details>
                <summary>
                  <strong>{mail.subject}</strong> <span className="muted">to {mail.to.join(', ')}</span>{' '}
                  <time className="muted" dateTime={mail.receivedAt}>
                    {new Date(mail.receivedAt).toLocaleTimeString()}
                  </time>
                </summary>
                <pre className="mail-text">{mail.text}</pre>
                {mail.correlationId === undefined ? null : (
                  <p className="muted mono">correlation {mail.correlationId}</p>
                )}
              </details>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
