import { formatMoney, paymentStates, type Pago } from '../../api/ticketing.ts';
import { Badge } from './Badge.tsx';

/** A reservation's payment: its state, amount, the processor's charge and why it was declined. */
export function PaymentState({ pago }: { readonly pago: Pago | undefined }) {
  if (pago === undefined) return <span className="muted payment">none: no charge was asked for</span>;
  return (
    <span className="payment" data-state={pago.estado}>
      <Badge shown={paymentStates[pago.estado]} state={pago.estado} /> {formatMoney(pago.importe, pago.moneda)}
      {pago.cargo_id === undefined ? null : (
        <span className="mono muted" title={pago.cargo_id}>
          {' '}
          · {pago.cargo_id.slice(0, 14)}…
        </span>
      )}
      {pago.motivo === undefined ? null : <div className="muted">{pago.motivo}</div>}
    </span>
  );
}
