import { useState } from 'react';
import { reservaEstados, type ReservaEstado } from '../../api/ticketing.ts';
import { setQuery, useLocation } from '../../app/router.tsx';
import { EventsTable } from './EventsTable.tsx';
import { Mailbox } from './Mailbox.tsx';
import { NewEventForm } from './NewEventForm.tsx';
import { NewUserForm } from './NewUserForm.tsx';
import { PaymentsLine } from './PaymentsLine.tsx';
import { ReservationDetails } from './ReservationDetails.tsx';
import { ReservationList } from './ReservationList.tsx';
import { ReserveForm } from './ReserveForm.tsx';

/**
 * Ticketing: the events with their seats and sales (live), an event's reservations, and one
 * reservation's saga step by step; forms to create an event, a user and a reservation; the emails
 * the notifications sent.
 * URL: ?event=<evento_id>&state=<estado>&reservation=<reserva_id>.
 */
export function TicketingPage() {
  const { query } = useLocation();
  const eventoId = query.get('event') ?? undefined;
  const estado = reservaEstados.find((e) => e === query.get('state'));
  const reservaId = query.get('reservation') ?? undefined;
  const [eventsChanged, setEventsChanged] = useState(0);
  const [users, setUsers] = useState<readonly string[]>([]);

  const selectEvent = (id: string) => setQuery({ event: id, state: undefined, reservation: undefined });
  const openReservation = (event: string, id: string) =>
    setQuery({ event, reservation: id, ...(event === eventoId ? {} : { state: undefined }) });

  return (
    <div className="page ticketing-page">
      <h1>Ticketing</h1>
      <PaymentsLine />
      <EventsTable selected={eventoId} onSelect={selectEvent} changed={eventsChanged} />
      {eventoId === undefined ? (
        <p className="empty">Select an event to see its reservations.</p>
      ) : (
        <div className={reservaId === undefined ? 'split' : 'split with-details'}>
          <ReservationList
            key={`${eventoId}/${estado ?? 'all'}`}
            eventoId={eventoId}
            estado={estado}
            selected={reservaId}
            onSelect={(id) => setQuery({ reservation: id })}
            onFilter={(state: ReservaEstado | undefined) => setQuery({ state }, { replace: true })}
          />
          {reservaId === undefined ? null : <ReservationDetails key={reservaId} reservaId={reservaId} />}
        </div>
      )}
      <div className="forms">
        <NewEventForm
          onCreated={(id) => {
            setEventsChanged((n) => n + 1);
            selectEvent(id);
          }}
        />
        <NewUserForm onCreated={(id) => setUsers((known) => [id, ...known])} />
        <ReserveForm
          usuarioId={users[0] ?? ''}
          eventoId={eventoId ?? ''}
          users={users}
          onReservation={openReservation}
        />
      </div>
      <Mailbox />
    </div>
  );
}
