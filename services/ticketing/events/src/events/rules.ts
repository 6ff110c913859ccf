import { eventsErrors } from '../errors.ts';
import type { NewEvent } from './event.ts';

/** How far ahead an event may be put on sale: ten years (a year 9999 date is a typo, not a plan). */
export const furthestYearsAhead = 10;

/**
 * What the request schema cannot say: the date is in the future (and within ten years), and the price
 * has at most two decimals (JSON Schema's multipleOf 0.01 is wrong on binary floats: 19.99 / 0.01 is not
 * an integer).
 */
export function checkNewEvent(input: NewEvent, now: Date): void {
  const fecha = Date.parse(input.fecha);
  if (fecha <= now.getTime()) throw eventsErrors.pastDate(input.fecha);
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + furthestYearsAhead);
  if (fecha > latest.getTime()) throw eventsErrors.farDate(input.fecha, latest.toISOString());
  if (!hasAtMostTwoDecimals(input.precio)) throw eventsErrors.badPrice(input.precio);
}

export function hasAtMostTwoDecimals(amount: number): boolean {
  const cents = amount * 100;
  return Math.abs(cents - Math.round(cents)) < 1e-6;
}
