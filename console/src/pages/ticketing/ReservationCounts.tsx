import { reservaStates, type ReservaEstado, type ReservasResumen } from '../../api/ticketing.ts';

const order: readonly ReservaEstado[] = ['confirmada', 'pendiente', 'fallida'];

/** How many of an event's reservations are confirmed, pending and failed (tickets on hover). */
export function ReservationCounts({ counts }: { readonly counts: ReservasResumen | undefined }) {
  if (counts === undefined) return <span className="muted">—</span>;
  return (
    <ul className="tallies" aria-label="Reservations per state">
      {order.map((estado) => (
        <li
          key={estado}
          className={`tally tone-text-${reservaStates[estado].tone}`}
          data-state={estado}
          title={`${counts[estado].entradas} ticket(s)`}
        >
          <strong className="tally-value">{counts[estado].reservas}</strong> {reservaStates[estado].label.toLowerCase()}
        </li>
      ))}
    </ul>
  );
}
