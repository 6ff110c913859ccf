// A reservation, event-sourced: requested when the chain accepted it and its saga started, then
// confirmed (seats sold, payment captured) or failed (with the code of the step that gave up). The
// events carry what readers need (fat events), so the read model and the bus need no other source.

export interface Solicitud {
  readonly reserva_id: string;
  /** The buyer, by the pseudonym users gave (never the user's id). */
  readonly usuario_seudonimo: string;
  readonly evento_id: string;
  readonly cantidad: number;
  readonly precio_unitario: number;
  readonly importe: number;
  readonly moneda: string;
  readonly solicitada_en: string;
}

export type ReservationEvent =
  | { readonly type: 'ReservaSolicitada'; readonly data: Solicitud }
  | { readonly type: 'ReservaConfirmada'; readonly data: Solicitud & { readonly en: string } }
  | {
      readonly type: 'ReservaFallida';
      readonly data: Solicitud & { readonly en: string; readonly codigo: string; readonly motivo: string };
    };

export type Estado = 'pendiente' | 'confirmada' | 'fallida';

export interface ReservationState {
  readonly solicitud: Solicitud | undefined;
  readonly estado: Estado | undefined;
}

export type ReservationCommand =
  | { readonly type: 'Confirmar'; readonly en: string }
  | { readonly type: 'MarcarFallida'; readonly en: string; readonly codigo: string; readonly motivo: string };

export const reservationDecider = {
  initialState: (): ReservationState => ({ solicitud: undefined, estado: undefined }),
  decide(command: ReservationCommand, state: ReservationState): ReservationEvent[] {
    const solicitud = state.solicitud;
    if (solicitud === undefined) throw Object.assign(new Error('no such reservation'), { code: 'RESERVA.NO_EXISTE' });
    // Ending twice the same way is a no-op (a saga step may run again after a crash).
    if (state.estado !== 'pendiente') {
      const wanted = command.type === 'Confirmar' ? 'confirmada' : 'fallida';
      if (state.estado === wanted) return [];
      throw Object.assign(new Error(`the reservation is already ${state.estado}`), { code: 'RESERVA.YA_TERMINADA' });
    }
    return command.type === 'Confirmar'
      ? [{ type: 'ReservaConfirmada', data: { ...solicitud, en: command.en } }]
      : [
          {
            type: 'ReservaFallida',
            data: { ...solicitud, en: command.en, codigo: command.codigo, motivo: command.motivo },
          },
        ];
  },
  evolve(state: ReservationState, event: ReservationEvent): ReservationState {
    switch (event.type) {
      case 'ReservaSolicitada':
        return { solicitud: event.data, estado: 'pendiente' };
      case 'ReservaConfirmada':
        return { ...state, estado: 'confirmada' };
      case 'ReservaFallida':
        return { ...state, estado: 'fallida' };
    }
  },
};

export const reservationStream = (reservaId: string): string => `reserva-${reservaId}`;
