import { formatMoney, reservaStates, type Reserva } from '../../api/ticketing.ts';
import { CorrelationLink } from '../../ui/CorrelationLink.tsx';
import { shortId } from '../../ui/format.ts';
import { Time } from '../../ui/Time.tsx';
import { Badge } from './Badge.tsx';

export function ReservationRow(props: {
  readonly reserva: Reserva;
  readonly selected: boolean;
  readonly onSelect: (reservaId: string) => void;
}) {
  const { reserva } = props;
  return (
    <tr
      data-reserva-id={reserva.reserva_id}
      data-state={reserva.estado}
      className={props.selected ? 'selected' : reserva.estado === 'fallida' ? 'failed' : undefined}
    >
      <td>
        <button
          type="button"
          className="link-button mono"
          title={`${reserva.reserva_id} (buyer ${reserva.usuario_seudonimo})`}
          onClick={() => props.onSelect(reserva.reserva_id)}
        >
          {shortId(reserva.reserva_id)}
        </button>
      </td>
      <td>
        <Badge shown={reservaStates[reserva.estado]} state={reserva.estado} />
      </td>
      <td className="num" title={`${reserva.cantidad} × ${formatMoney(reserva.precio_unitario, reserva.moneda)}`}>
        {reserva.cantidad} · {formatMoney(reserva.importe, reserva.moneda)}
      </td>
      <td className="mono error-text" title={reserva.motivo ?? undefined}>
        {reserva.codigo ?? ''}
      </td>
      <td className="nowrap">
        <Time at={reserva.solicitada_en} />
      </td>
      <td>{reserva.correlation_id === null ? '—' : <CorrelationLink id={reserva.correlation_id} short />}</td>
    </tr>
  );
}
