import { currentCorrelation } from '@eventflow/correlation';
import { EventStoreError } from '../errors.ts';
import type { NewEvent } from './types.ts';

/** A new event with every metadata field settled, ready for the INSERT. */
export interface PreparedEvent {
  readonly type: string;
  readonly data: string;
  readonly schemaVersion: number;
  readonly messageId: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly occurredAt: Date;
  readonly headers: string;
}

export interface MetadataDefaults {
  readonly newId: () => string;
  readonly now: () => Date;
  readonly latestSchemaVersion: (type: string) => number;
}

function invalid(message: string, details: Record<string, unknown>): EventStoreError {
  return new EventStoreError('EVENTSTORE.INVALID_ARGUMENT', message, details);
}

function serialise(event: NewEvent): string {
  const json = JSON.stringify(event.data) as string | undefined;
  if (json === undefined) throw invalid(`event ${event.type} has no JSON data`, { type: event.type });
  return json;
}

/** Fills the defaults; the correlation of the work in progress flows in by itself. */
export function prepareEvent(event: NewEvent, defaults: MetadataDefaults): PreparedEvent {
  if (typeof event.type !== 'string' || event.type.length === 0) throw invalid('an event needs a type', {});
  const schemaVersion = event.schemaVersion ?? defaults.latestSchemaVersion(event.type);
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
    throw invalid(`event ${event.type}: schemaVersion must be an integer ≥ 1`, { schemaVersion });
  }
  const current = currentCorrelation();
  return {
    type: event.type,
    data: serialise(event),
    schemaVersion,
    messageId: event.messageId ?? defaults.newId(),
    correlationId: event.correlationId ?? current?.correlationId ?? defaults.newId(),
    causationId: event.causationId ?? current?.causationId ?? null,
    occurredAt: event.occurredAt ?? defaults.now(),
    headers: JSON.stringify(event.headers ?? {}),
  };
}
