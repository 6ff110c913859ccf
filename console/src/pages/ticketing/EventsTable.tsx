import { useState } from 'react';
import { ticketingApi } from '../../api/ticketing.ts';
import { usePolling } from '../../hooks/usePolling.ts';
import { Notice } from '../../ui/Notice.tsx';
import { Panel } from '../../ui/Panel.tsx';
import { EventRow } from './EventRow.tsx';

const pageSize = 20;

/** Events by date, a page at a time (new ones show within 5 s, or at once after `changed`). */
export function EventsTable(props: {
  readonly selected: string | undefined;
  readonly onSelect: (eventoId: string) => void;
  /** Bumped when the page creates an event, to list it now. */
  readonly changed: number;
}) {
  const [offset, setOffset] = useState(0);
  const events = usePolling(() => ticketingApi.events(offset, pageSize), 5000, [offset, props.changed]);
  const pager = (
    <span className="pager">
      <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>
        Previous
      </button>
      <button
        type="button"
        disabled={(events.data?.length ?? 0) < pageSize}
        onClick={() => setOffset(offset + pageSize)}
      >
        Next
      </button>
    </span>
  );
  return (
    <Panel title="Events" actions={pager} className="events">
      <Notice>{events.error}</Notice>
      {events.data?.length === 0 ? (
        <p className="empty">No events{offset === 0 ? ' yet: create one with the form below' : ' on this page'}.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Event</th>
              <th>Date</th>
              <th>Venue</th>
              <th className="num">Price</th>
              <th>State</th>
              <th>Capacity (live, from inventory)</th>
              <th>Reservations</th>
            </tr>
          </thead>
          <tbody>
            {events.data?.map((event) => (
              <EventRow
                key={event.evento_id}
                event={event}
                selected={event.evento_id === props.selected}
                onSelect={props.onSelect}
              />
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
