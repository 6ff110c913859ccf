import { Link, pageUrl } from '../app/router.tsx';
import { shortId } from './format.ts';

/** A correlation id that opens the Logs page filtered on it; `short` shows its first characters only. */
export function CorrelationLink({ id, short = false }: { readonly id: string; readonly short?: boolean }) {
  return (
    <Link
      to={pageUrl('logs', { correlationId: id })}
      className="mono correlation"
      title={short ? `${id}: show its operation logs` : 'Show its operation logs'}
      data-correlation-id={id}
    >
      {short && id.length > 12 ? `${shortId(id)}…` : id}
    </Link>
  );
}
