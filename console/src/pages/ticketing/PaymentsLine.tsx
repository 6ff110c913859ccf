import { formatMoney, paymentStates, ticketingApi, type Pago } from '../../api/ticketing.ts';
import { usePolling } from '../../hooks/usePolling.ts';

const order: ReadonlyArray<Pago['estado']> = ['capturado', 'pendiente', 'reembolsado', 'rechazado', 'sin_cargo'];

/** Every reservation's payment at a glance: how many per state, and the money captured and refunded. */
export function PaymentsLine() {
  const { data, error } = usePolling(() => ticketingApi.payments(), 2000, []);
  if (data === undefined) return <p className="muted payments-line">{error ?? 'Payments: …'}</p>;
  const money = Object.entries(data.importes).map(
    ([currency, totals]) =>
      `${formatMoney(totals.capturado, currency)} captured, ${formatMoney(totals.reembolsado, currency)} refunded`,
  );
  return (
    <p className="muted payments-line" aria-label="Payments">
      Payments: {data.total}
      {order.map((estado) => (
        <span key={estado} data-state={estado}>
          {' · '}
          {data.por_estado[estado]} {paymentStates[estado].label.toLowerCase()}
        </span>
      ))}
      {money.length === 0 ? null : ` — ${money.join('; ')}`}
    </p>
  );
}
