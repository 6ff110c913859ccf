import { eventStates, formatMoney, ticketingApi, ticketingCurrency, type EventView } from '../../api/ticketing.ts';
import { usePolling } from '../../hooks/usePolling.ts';
import { shortId } from '../../ui/format.ts';
import { Time } from '../../ui/Time.tsx';
import { Badge } from './Badge.tsx';
import { CapacityBar } from './CapacityBar.tsx';
import { ReservationCounts } from './ReservationCounts.tsx';

/** Polled this often, so that a crowd buying shows its sales moving. */
const liveMs = 1500;

/** One event: its fields, then its seats (inventory) and reservations (their summary), both live. */
export function EventRow(props: {
  readonly event: EventView;
  readonly selected: boolean;
  readonly onSelect: (eventoId: string) => void;
}) {
  const { event } = props;
  const live = usePolling(
    () => Promise.all([ticketingApi.inventory(event.evento_id), ticketingApi.summary(event.evento_id)]),
    liveMs,
    [event.evento_id],
  );
  const [seats, counts] = live.data ?? [];
  return (
    <tr data-evento-id={event.evento_id} className={props.selected ? 'selected' : undefined}>
      <td>
        <button type="button" className="link-button" onClick={() => props.onSelect(event.evento_id)}>
          {event.nombre}
        </button>
        <div className="mono muted" title={event.evento_id}>
          {shortId(event.evento_id)}
        </div>
      </td>
      <td className="nowrap">
        <Time at={event.fecha} />
      </td>
      <td>{event.lugar}</td>
      <td className="num">{formatMoney(event.precio, ticketingCurrency)}</td>
      <td>
        <Badge shown={eventStates[event.estado]} state={event.estado} />
      </td>
      <td className="capacity-cell">
        {live.data !== undefined ? (
          <CapacityBar seats={seats} />
        ) : (
          <span className={live.error === undefined ? 'muted' : 'error-text'}>{live.error ?? '…'}</span>
        )}
      </td>
      <td>
        <ReservationCounts counts={counts} />
      </td>
    </tr>
  );
}
