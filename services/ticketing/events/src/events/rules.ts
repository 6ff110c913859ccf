import { eventsErrors } from '../errors.ts';
import type { NewEvent } from './event.ts';

/**
 * What the request schema cannot say: the date is in the future, and the price has at most two
 * decimals (JSON Schema's multipleOf 0.01 is wrong on binary floats: 19.99 / 0.01 is not an integer).
 */
export function checkNewEvent(input: NewEvent, now: Date): void {
  if (Date.parse(input.fecha) <= now.getTime()) throw eventsErrors.pastDate(input.fecha);
  if (!hasAtMostTwoDecimals(input.precio)) throw eventsErrors.badPrice(input.precio);
}

export function hasAtMostTwoDecimals(amount: number): boolean {
  const cents = amount * 100;
  return Math.abs(cents - Math.round(cents)) < 1e-6;
}
