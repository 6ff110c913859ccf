import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../events/event.ts';

/** A date this many days from now. */
export function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

/** An event at a place of the test's own (so that listing by place finds only the test's events). */
export function sampleEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    nombre: 'Hamlet',
    fecha: inDays(30),
    lugar: `Teatro ${randomUUID().slice(0, 8)}`,
    aforo_total: 120,
    precio: 45.5,
    ...overrides,
  };
}
