// An event's seats as a decider (pure): holds, confirmations and releases for reservations. The
// invariant every decision keeps: disponibles + retenidas + vendidas = aforo_total, none negative.
// A reservation's seats go held → sold (confirm) or held → released; a release of what was never held
// leaves a tombstone, so a hold that arrives late (after the saga gave up and compensated) is refused.

export type SeatEvent =
  | { readonly type: 'InventarioCreado'; readonly data: SeatCounts }
  | { readonly type: 'AsientosRetenidos'; readonly data: SeatChange }
  | { readonly type: 'AsientosConfirmados'; readonly data: SeatChange }
  | { readonly type: 'AsientosLiberados'; readonly data: SeatChange };

export interface SeatCounts {
  readonly evento_id: string;
  readonly aforo_total: number;
  readonly disponibles: number;
  readonly retenidas: number;
  readonly vendidas: number;
}

/** A change, with the counts after it (so readers need no state of their own). */
export interface SeatChange extends SeatCounts {
  readonly reserva_id: string;
  readonly cantidad: number;
}

export type SeatCommand =
  | { readonly type: 'Crear'; readonly evento_id: string; readonly aforo_total: number }
  | { readonly type: 'Retener'; readonly reserva_id: string; readonly cantidad: number }
  | { readonly type: 'Confirmar'; readonly reserva_id: string }
  | { readonly type: 'Liberar'; readonly reserva_id: string };

type Phase = 'retenida' | 'vendida' | 'liberada';

export interface SeatState extends SeatCounts {
  readonly exists: boolean;
  /**
   * Each reservation the aggregate has seen, with its seats and where they are. `evolveSeats` adds to
   * this index in place (an event of thousands of reservations would otherwise copy it per event):
   * a state belongs to one writer, which drops it whole when an append fails.
   */
  readonly reservas: Record<string, { readonly cantidad: number; readonly fase: Phase }>;
}

/** Why a command was refused: the code the HTTP answer carries. */
export class SeatRefusal extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Readonly<Record<string, unknown>>;
  constructor(code: string, status: number, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'SeatRefusal';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export const emptySeats: SeatState = {
  exists: false,
  evento_id: '',
  aforo_total: 0,
  disponibles: 0,
  retenidas: 0,
  vendidas: 0,
  reservas: {},
};

function counts(state: SeatState): SeatCounts {
  const { evento_id, aforo_total, disponibles, retenidas, vendidas } = state;
  return { evento_id, aforo_total, disponibles, retenidas, vendidas };
}

/** The events a command produces against `state`; none when it was already done (idempotent). */
export function decideSeats(command: SeatCommand, state: SeatState): SeatEvent[] {
  if (command.type === 'Crear') {
    if (state.exists) {
      if (state.aforo_total === command.aforo_total) return [];
      throw new SeatRefusal('INVENTARIO.CONFLICTO', 409, 'this event already has seats, with another capacity', {
        aforo_total: state.aforo_total,
      });
    }
    const { evento_id, aforo_total } = command;
    return [
      {
        type: 'InventarioCreado',
        data: { evento_id, aforo_total, disponibles: aforo_total, retenidas: 0, vendidas: 0 },
      },
    ];
  }
  if (!state.exists) throw new SeatRefusal('INVENTARIO.NO_EXISTE', 404, 'no seats for this event');
  const known = state.reservas[command.reserva_id];
  const base = counts(state);
  switch (command.type) {
    case 'Retener': {
      if (known !== undefined) {
        if (known.fase === 'liberada') {
          throw new SeatRefusal(
            'INVENTARIO.RESERVA_LIBERADA',
            409,
            'this reservation was released; it cannot hold seats again',
          );
        }
        if (known.cantidad !== command.cantidad) {
          throw new SeatRefusal('INVENTARIO.CONFLICTO', 409, 'this reservation holds another quantity', {
            cantidad: known.cantidad,
          });
        }
        return [];
      }
      if (state.disponibles < command.cantidad) {
        throw new SeatRefusal('INVENTARIO.AGOTADO', 409, `only ${state.disponibles} seat(s) left`, {
          disponibles: state.disponibles,
        });
      }
      return [
        {
          type: 'AsientosRetenidos',
          data: {
            ...base,
            reserva_id: command.reserva_id,
            cantidad: command.cantidad,
            disponibles: state.disponibles - command.cantidad,
            retenidas: state.retenidas + command.cantidad,
          },
        },
      ];
    }
    case 'Confirmar': {
      if (known?.fase === 'vendida') return [];
      if (known?.fase !== 'retenida') {
        throw new SeatRefusal('INVENTARIO.SIN_RETENCION', 409, 'this reservation holds no seats to confirm');
      }
      return [
        {
          type: 'AsientosConfirmados',
          data: {
            ...base,
            reserva_id: command.reserva_id,
            cantidad: known.cantidad,
            retenidas: state.retenidas - known.cantidad,
            vendidas: state.vendidas + known.cantidad,
          },
        },
      ];
    }
    case 'Liberar': {
      if (known?.fase === 'liberada') return [];
      if (known?.fase === 'vendida') {
        throw new SeatRefusal('INVENTARIO.YA_VENDIDA', 409, 'these seats are sold; a sale is not released');
      }
      const cantidad = known?.cantidad ?? 0;
      return [
        {
          type: 'AsientosLiberados',
          data: {
            ...base,
            reserva_id: command.reserva_id,
            cantidad,
            disponibles: state.disponibles + cantidad,
            retenidas: state.retenidas - cantidad,
          },
        },
      ];
    }
  }
}

export function evolveSeats(state: SeatState, event: SeatEvent): SeatState {
  const next = { ...state, ...pickCounts(event.data), exists: true };
  if (event.type === 'InventarioCreado') return { ...next, reservas: {} };
  const fase: Phase =
    event.type === 'AsientosRetenidos' ? 'retenida' : event.type === 'AsientosConfirmados' ? 'vendida' : 'liberada';
  const previous = state.reservas[event.data.reserva_id];
  const cantidad = event.type === 'AsientosLiberados' ? (previous?.cantidad ?? 0) : event.data.cantidad;
  next.reservas[event.data.reserva_id] = { cantidad, fase };
  return next;
}

function pickCounts(data: SeatCounts): SeatCounts {
  const { evento_id, aforo_total, disponibles, retenidas, vendidas } = data;
  return { evento_id, aforo_total, disponibles, retenidas, vendidas };
}

export const seatsDecider = {
  initialState: (): SeatState => ({ ...emptySeats, reservas: {} }),
  decide: decideSeats,
  evolve: evolveSeats,
};
