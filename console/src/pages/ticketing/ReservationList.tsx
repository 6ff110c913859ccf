import { useState } from 'react';
import { reservaEstados, reservaStates, ticketingApi, type ReservaEstado } from '../../api/ticketing.ts';
import { useLoaded, usePolling } from '../../hooks/usePolling.ts';
import { Notice } from '../../ui/Notice.tsx';
import { Panel } from '../../ui/Panel.tsx';
import { ReservationRow } from './ReservationRow.tsx';

const pageSize = 20;

/** An event's reservations of one state (or all), in pages of reserva_id order, refreshed every 2 s. */
export function ReservationList(props: {
  readonly eventoId: string;
  readonly estado: ReservaEstado | undefined;
  readonly selected: string | undefined;
  readonly onSelect: (reservaId: string) => void;
  readonly onFilter: (estado: ReservaEstado | undefined) => void;
}) {
  const { eventoId, estado } = props;
  // The cursors of the pages before this one: `after` is the last reserva_id of the previous page.
  const [cursors, setCursors] = useState<readonly string[]>([]);
  const after = cursors.at(-1);
  const event = useLoaded(() => ticketingApi.event(eventoId), [eventoId]);
  const page = usePolling(() => ticketingApi.reservations({ eventoId, estado, after, limit: pageSize + 1 }), 2000, [
    eventoId,
    estado,
    after,
  ]);
  const rows = page.data?.slice(0, pageSize) ?? [];
  const last = rows.at(-1)?.reserva_id;
  const more = (page.data?.length ?? 0) > pageSize;

  const controls = (
    <span className="pager">
      <label className="inline">
        State{' '}
        <select
          aria-label="Reservation state"
          value={estado ?? ''}
          onChange={(e) => props.onFilter((e.target.value || undefined) as ReservaEstado | undefined)}
        >
          <option value="">all</option>
          {reservaEstados.map((value) => (
            <option key={value} value={value}>
              {reservaStates[value].label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
        Previous
      </button>
      <button
        type="button"
        disabled={!more || last === undefined}
        onClick={() => last !== undefined && setCursors([...cursors, last])}
      >
        Next
      </button>
    </span>
  );

  return (
    <Panel title={`Reservations of ${event.data?.nombre ?? 'the event'}`} actions={controls} className="reservations">
      <Notice>{page.error ?? event.error}</Notice>
      {page.data?.length === 0 ? (
        <p className="empty">
          No reservations{estado === undefined ? '' : ` ${reservaStates[estado].label.toLowerCase()}`}.
        </p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Reservation</th>
              <th>State</th>
              <th className="num">Tickets</th>
              <th>Failure</th>
              <th>Requested</th>
              <th>Correlation</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((reserva) => (
              <ReservationRow
                key={reserva.reserva_id}
                reserva={reserva}
                selected={reserva.reserva_id === props.selected}
                onSelect={props.onSelect}
              />
            ))}
          </tbody>
        </table>
      )}
      <p className="muted hint">
        Page {cursors.length + 1}, in reservation id order; a page holds {pageSize}.
      </p>
    </Panel>
  );
}
