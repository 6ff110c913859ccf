import type { Inventario } from '../../api/ticketing.ts';

/** An event's seats from inventory: sold, held by reservations in progress, available, of its capacity. */
export function CapacityBar({ seats }: { readonly seats: Inventario | undefined }) {
  if (seats === undefined) return <span className="muted">no seats in inventory</span>;
  const { aforo_total: total, vendidas: sold, retenidas: held, disponibles: available } = seats;
  const share = (n: number) => `${(n / Math.max(total, 1)) * 100}%`;
  const percent = total === 0 ? 0 : Math.round((sold / total) * 100);
  return (
    <div className="capacity" data-sold={sold} data-held={held} data-available={available} data-total={total}>
      <div
        className="capacity-bar"
        role="img"
        aria-label={`${sold} sold, ${held} held, ${available} available of ${total}`}
        title={`${percent}% sold`}
      >
        <span className="seats-sold" style={{ width: share(sold) }} />
        <span className="seats-held" style={{ width: share(held) }} />
      </div>
      <div className="capacity-legend">
        <span className="legend legend-sold" /> {sold} sold
        <span className="legend legend-held" /> {held} held
        <span className="legend legend-available" /> {available} available
        <span className="muted"> of {total}</span>
      </div>
    </div>
  );
}
