import { useEffect, useState } from 'react';
import { setQuery } from '../../app/router.tsx';
import { formatMoney, reservaStates, sagaStates, ticketingApi, type ReservaConSaga } from '../../api/ticketing.ts';
import { usePolling } from '../../hooks/usePolling.ts';
import { CorrelationLink } from '../../ui/CorrelationLink.tsx';
import { shortId } from '../../ui/format.ts';
import { Notice } from '../../ui/Notice.tsx';
import { Panel } from '../../ui/Panel.tsx';
import { Time } from '../../ui/Time.tsx';
import { Badge } from './Badge.tsx';
import { PaymentState } from './PaymentState.tsx';
import { SagaTimeline } from './SagaTimeline.tsx';

const load = (reservaId: string) =>
  Promise.all([ticketingApi.reservation(reservaId), ticketingApi.payment(reservaId)]).then(([reserva, pago]) => ({
    reserva,
    pago,
  }));

/** Ended: the reservation decided and its saga no longer running or compensating. */
const settled = (reserva: ReservaConSaga) =>
  reserva.estado !== 'pendiente' && reserva.saga !== 'RUNNING' && reserva.saga !== 'COMPENSATING';

/** One reservation: its outcome, failure, payment and correlation id, then its saga step by step. */
export function ReservationDetails({ reservaId }: { readonly reservaId: string }) {
  // Polled every second until it has ended, then read no more.
  const [ended, setEnded] = useState(false);
  const detail = usePolling(() => load(reservaId), ended ? undefined : 1000, [reservaId]);
  const reserva = detail.data?.reserva;
  const done = reserva !== undefined && settled(reserva);
  useEffect(() => {
    if (done) setEnded(true);
  }, [done]);

  const close = (
    <button type="button" className="link-button" onClick={() => setQuery({ reservation: undefined })}>
      close
    </button>
  );
  return (
    <Panel title={`Reservation ${shortId(reservaId)}`} actions={close} className="reservation-details">
      <Notice>{detail.error}</Notice>
      {reserva === undefined ? null : (
        <>
          <dl className="meta" data-reserva-id={reserva.reserva_id} data-state={reserva.estado}>
            <dt>State</dt>
            <dd>
              <Badge shown={reservaStates[reserva.estado]} state={reserva.estado} />{' '}
              {reserva.saga === null ? null : (
                <span className="muted saga-status" data-saga={reserva.saga}>
                  saga {sagaStates[reserva.saga].label.toLowerCase()}
                </span>
              )}
            </dd>
            {reserva.codigo === null ? null : (
              <>
                <dt>Failure</dt>
                <dd className="failure">
                  <code className="error-text">{reserva.codigo}</code>
                  {reserva.motivo === null ? null : <div>{reserva.motivo}</div>}
                </dd>
              </>
            )}
            <dt>Tickets</dt>
            <dd>
              {reserva.cantidad} × {formatMoney(reserva.precio_unitario, reserva.moneda)} ={' '}
              <strong>{formatMoney(reserva.importe, reserva.moneda)}</strong>
            </dd>
            <dt>Payment</dt>
            <dd>
              <PaymentState pago={detail.data?.pago} />
            </dd>
            <dt>Buyer (pseudonym)</dt>
            <dd className="mono">{reserva.usuario_seudonimo}</dd>
            <dt>Requested</dt>
            <dd>
              <Time at={reserva.solicitada_en} />
            </dd>
            <dt>Updated</dt>
            <dd>
              <Time at={reserva.actualizada_en} />
            </dd>
            <dt>Correlation id</dt>
            <dd>{reserva.correlation_id === null ? '—' : <CorrelationLink id={reserva.correlation_id} />}</dd>
            <dt>Id</dt>
            <dd className="mono">{reserva.reserva_id}</dd>
          </dl>
          <h3>Saga steps</h3>
          <SagaTimeline pasos={reserva.pasos} />
        </>
      )}
    </Panel>
  );
}
