import type { Shown } from '../../api/ticketing.ts';

/** A state as a coloured pill; `state` is the API's own value, kept for selectors and tests. */
export function Badge({ shown, state }: { readonly shown: Shown; readonly state: string }) {
  return (
    <span className={`badge tone-${shown.tone}`} data-state={state}>
      {shown.label}
    </span>
  );
}
