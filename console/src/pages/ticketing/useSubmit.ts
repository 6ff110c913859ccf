import { useState, type FormEvent } from 'react';
import { messageOf } from '../../api/http.ts';
import type { HttpAnswer } from '../../api/ticketing.ts';

export interface Submit {
  readonly onSubmit: (event: FormEvent) => void;
  readonly busy: boolean;
  readonly answer: HttpAnswer | undefined;
  /** The request got no answer (network, gateway down). */
  readonly error: string | undefined;
}

/** Sends a form's write, keeps its answer whatever the status, and tells `answered` about it. */
export function useSubmit(send: () => Promise<HttpAnswer>, answered?: (answer: HttpAnswer) => void): Submit {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ answer?: HttpAnswer; error?: string }>({});
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    send()
      .then((answer) => {
        setOutcome({ answer });
        answered?.(answer);
      })
      .catch((error: unknown) => setOutcome({ error: messageOf(error) }))
      .finally(() => setBusy(false));
  };
  return { onSubmit, busy, answer: outcome.answer, error: outcome.error };
}
