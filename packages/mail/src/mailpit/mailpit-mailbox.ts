// Mailpit's HTTP API as a Mailbox: /api/v1/search (or /messages) for the newest, then each message
// for its text and its X-Correlation-Id.
import type { Mailbox, ReceivedMail } from '../port.ts';

interface Summary {
  readonly ID: string;
  readonly MessageID: string;
  readonly From: { readonly Address: string } | null;
  readonly To: ReadonlyArray<{ readonly Address: string }> | null;
  readonly Subject: string;
  readonly Created: string;
}

export function mailpitMailbox(baseUrl: string, timeoutMs = 10_000): Mailbox {
  const base = baseUrl.replace(/\/+$/, '');
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`Mailpit ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    async list(query = {}) {
      const limit = query.limit ?? 50;
      const page =
        query.to === undefined
          ? await get<{ messages: Summary[] }>(`/api/v1/messages?limit=${limit}`)
          : await get<{ messages: Summary[] }>(
              `/api/v1/search?limit=${limit}&query=${encodeURIComponent(`to:"${query.to}"`)}`,
            );
      return Promise.all(
        page.messages.map(async (summary): Promise<ReceivedMail> => {
          const [message, headers] = await Promise.all([
            get<{ Text: string }>(`/api/v1/message/${summary.ID}`),
            get<Record<string, string[] | undefined>>(`/api/v1/message/${summary.ID}/headers`),
          ]);
          const correlationId = headers['X-Correlation-Id']?.[0];
          return {
            id: summary.ID,
            messageId: summary.MessageID,
            from: summary.From?.Address ?? '',
            to: (summary.To ?? []).map((to) => to.Address),
            subject: summary.Subject,
            text: message.Text.replace(/\r\n/g, '\n'),
            receivedAt: summary.Created,
            ...(correlationId === undefined ? {} : { correlationId }),
          };
        }),
      );
    },
  };
}

/** Mailpit's version, or why it does not answer. */
export async function mailpitVersion(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl.replace(/\/+$/, '')}/api/v1/info`, { signal: AbortSignal.timeout(3000) });
  if (!response.ok) throw new Error(`Mailpit: ${response.status}`);
  return `Mailpit ${((await response.json()) as { Version?: string }).Version ?? '?'}`;
}
