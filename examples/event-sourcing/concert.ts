import { defineUpcasters, type Decider } from '@eventflow/eventstore';

// Events: what happened, in the past tense. `data` is plain JSON.
export type ConcertEvent =
  | { type: 'ConcertScheduled'; data: { name: string; capacity: number } }
  | { type: 'SeatsReserved'; data: { reservationId: string; seats: number } }
  | { type: 'ReservationCancelled'; data: { reservationId: string; seats: number } };

// Commands: what someone asks for. Ids and times come in the command, never from inside the decider.
export type ConcertCommand =
  | { type: 'Schedule'; name: string; capacity: number }
  | { type: 'Reserve'; reservationId: string; seats: number }
  | { type: 'Cancel'; reservationId: string };

export interface ConcertState {
  readonly scheduled: boolean;
  readonly available: number;
  readonly reservations: Readonly<Record<string, number>>;
}

export type ConcertErrorCode =
  'CONCERT.ALREADY_SCHEDULED' | 'CONCERT.NOT_SCHEDULED' | 'CONCERT.SOLD_OUT' | 'CONCERT.UNKNOWN_RESERVATION';

/** A refused command, with a stable code (it becomes problem+json at the HTTP edge). */
export class ConcertError extends Error {
  readonly code: ConcertErrorCode;
  constructor(code: ConcertErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export const concertDecider: Decider<ConcertState, ConcertCommand, ConcertEvent> = {
  initialState: () => ({ scheduled: false, available: 0, reservations: {} }),

  decide(command, state) {
    switch (command.type) {
      case 'Schedule':
        if (state.scheduled) throw new ConcertError('CONCERT.ALREADY_SCHEDULED', 'already scheduled');
        return [{ type: 'ConcertScheduled', data: { name: command.name, capacity: command.capacity } }];
      case 'Reserve':
        if (!state.scheduled) throw new ConcertError('CONCERT.NOT_SCHEDULED', 'no such concert');
        if (command.reservationId in state.reservations) return []; // asked twice: nothing new happens
        if (command.seats > state.available) throw new ConcertError('CONCERT.SOLD_OUT', 'not enough seats');
        return [{ type: 'SeatsReserved', data: { reservationId: command.reservationId, seats: command.seats } }];
      case 'Cancel': {
        const seats = state.reservations[command.reservationId];
        if (seats === undefined) throw new ConcertError('CONCERT.UNKNOWN_RESERVATION', 'no such reservation');
        return [{ type: 'ReservationCancelled', data: { reservationId: command.reservationId, seats } }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ConcertScheduled':
        return { ...state, scheduled: true, available: event.data.capacity };
      case 'SeatsReserved':
        return {
          ...state,
          available: state.available - event.data.seats,
          reservations: { ...state.reservations, [event.data.reservationId]: event.data.seats },
        };
      case 'ReservationCancelled': {
        const rest = { ...state.reservations };
        delete rest[event.data.reservationId];
        return { ...state, available: state.available + event.data.seats, reservations: rest };
      }
    }
  },
};

// SeatsReserved was first written as { reservationId, count }; version 2 calls it `seats`.
export const concertUpcasters = defineUpcasters([
  {
    type: 'SeatsReserved',
    fromVersion: 1,
    upcast: (data) => {
      const { count, ...rest } = data as { reservationId: string; count: number };
      return { ...rest, seats: count };
    },
  },
]);
