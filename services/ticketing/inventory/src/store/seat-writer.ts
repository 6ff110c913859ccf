// Writes seat commands to the event store, one event's stream at a time. Commands for one stream queue
// up while an append is in flight and are decided together into the next append (group commit): one
// transaction for many holds, in arrival order, each answered with its own outcome. The stream's
// expected version is the guard across processes: another writer's append makes ours fail with
// VERSION_CONFLICT, and the batch is decided again on the reloaded state. The latest state stays in
// memory between batches, so a command costs one append, not a read of the stream.
import { isConcurrencyConflict, loadAggregate, type EventStore, type RecordedEvent } from '@eventflow/eventstore';
import {
  decideSeats,
  evolveSeats,
  seatsDecider,
  type SeatCommand,
  type SeatEvent,
  type SeatState,
} from '../domain/seats.ts';

export interface SeatOutcome {
  readonly state: SeatState;
  readonly version: number;
  /** What this command appended; empty when it had already been done. */
  readonly events: readonly RecordedEvent[];
}

interface Pending {
  readonly command: SeatCommand;
  readonly correlationId: string | undefined;
  resolve(outcome: SeatOutcome): void;
  reject(error: unknown): void;
}

interface Stream {
  cached: { state: SeatState; version: number } | undefined;
  queue: Pending[];
  running: boolean;
}

export interface SeatWriter {
  execute(eventoId: string, command: SeatCommand, correlationId?: string): Promise<SeatOutcome>;
  read(eventoId: string): Promise<{ state: SeatState; version: number }>;
  /** Stops taking commands; resolves when the batches in flight are written. */
  close(): Promise<void>;
}

export const streamOf = (eventoId: string): string => `inventario-${eventoId}`;

/** Most commands a batch decides at once (one append of at most this many events). */
const maxBatch = 200;
/** Conflicts with another process before a batch gives up (each reloads; they clear quickly). */
const maxConflicts = 20;

export function seatWriter(store: EventStore): SeatWriter {
  const streams = new Map<string, Stream>();
  const inFlight = new Set<Promise<void>>();
  let closed = false;

  const load = async (eventoId: string) => {
    const loaded = await loadAggregate(store, streamOf(eventoId), seatsDecider);
    return { state: loaded.state, version: loaded.version };
  };

  async function drain(eventoId: string, stream: Stream): Promise<void> {
    while (stream.queue.length > 0) {
      const batch = stream.queue.splice(0, maxBatch);
      await writeBatch(eventoId, stream, batch);
    }
    stream.running = false;
  }

  async function writeBatch(eventoId: string, stream: Stream, batch: Pending[]): Promise<void> {
    for (let conflicts = 0; ; conflicts += 1) {
      try {
        stream.cached ??= await load(eventoId);
        const base = stream.cached;
        // Decide each command on the state the ones before it left; a refusal answers only its command.
        let state = base.state;
        const decided: Array<{ pending: Pending; events: SeatEvent[] } | { pending: Pending; error: unknown }> = [];
        // evolveSeats adds to the reservation index in place: work on a copy until the append commits.
        state = { ...state, reservas: { ...state.reservas } };
        for (const pending of batch) {
          try {
            const events = decideSeats(pending.command, state);
            for (const event of events) state = evolveSeats(state, event);
            decided.push({ pending, events });
          } catch (error) {
            decided.push({ pending, error });
          }
        }
        const toAppend = decided.flatMap((d) =>
          'events' in d
            ? d.events.map((event) => ({
                ...event,
                ...(d.pending.correlationId === undefined ? {} : { correlationId: d.pending.correlationId }),
              }))
            : [],
        );
        let recorded: readonly RecordedEvent[] = [];
        let version = base.version;
        if (toAppend.length > 0) {
          const result = await store.append(streamOf(eventoId), toAppend, {
            expectedVersion: base.version === 0 ? 'no-stream' : base.version,
            streamType: 'inventario',
          });
          recorded = result.events;
          version = result.nextExpectedVersion;
        }
        stream.cached = { state, version };
        let next = 0;
        for (const d of decided) {
          if ('error' in d) {
            d.pending.reject(d.error);
            continue;
          }
          const mine = recorded.slice(next, next + d.events.length);
          next += d.events.length;
          d.pending.resolve({ state, version, events: mine });
        }
        return;
      } catch (error) {
        stream.cached = undefined;
        if (isConcurrencyConflict(error) && conflicts < maxConflicts) continue;
        for (const pending of batch) pending.reject(error);
        return;
      }
    }
  }

  return {
    execute(eventoId, command, correlationId) {
      if (closed) return Promise.reject(new Error('the seat writer is closed'));
      return new Promise<SeatOutcome>((resolve, reject) => {
        let stream = streams.get(eventoId);
        if (stream === undefined) {
          stream = { cached: undefined, queue: [], running: false };
          streams.set(eventoId, stream);
        }
        stream.queue.push({ command, correlationId, resolve, reject });
        if (!stream.running) {
          stream.running = true;
          const run = drain(eventoId, stream).finally(() => inFlight.delete(run));
          inFlight.add(run);
        }
      });
    },
    async read(eventoId) {
      // This process's latest state when it has one (another process's writes show after its next batch).
      return streams.get(eventoId)?.cached ?? load(eventoId);
    },
    async close() {
      closed = true;
      await Promise.allSettled([...inFlight]);
    },
  };
}
