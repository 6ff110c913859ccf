import { formatTime } from './format.ts';

/** A time in the local zone, with the exact instant on hover. */
export function Time({ at }: { readonly at: string | undefined }) {
  if (at === undefined) return <span className="muted">—</span>;
  return (
    <time dateTime={at} title={at}>
      {formatTime(at)}
    </time>
  );
}
