import { useCallback, useState } from 'react';
import { messageOf } from '../api/http.ts';

export interface Action {
  /** Runs one command at a time; its failure is kept in `error`, then `done` (a refresh) runs either way. */
  readonly run: (command: () => Promise<unknown>) => void;
  readonly busy: boolean;
  readonly error: string | undefined;
}

export function useAction(done: () => void): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = useCallback(
    (command: () => Promise<unknown>) => {
      setBusy(true);
      setError(undefined);
      command()
        .catch((failure: unknown) => setError(messageOf(failure)))
        .finally(() => {
          setBusy(false);
          done();
        });
    },
    [done],
  );
  return { run, busy, error };
}
