import { storageErrors } from '../errors.ts';

/**
 * The earliest generatedAt accepted. EventFlow generates its documents now (the PDF server sends
 * its own clock), so a date before this century is a broken clock (1970-01-01, a zeroed RTC) or
 * hostile input, never a real document; refused, it cannot make a `0001-01-01` folder.
 */
export const earliestGeneratedAt = Date.parse('2000-01-01T00:00:00Z');

/**
 * How far past the server's clock generatedAt may be: one day. Clocks of two hosts disagree by
 * seconds; a zone mistake (local time sent as `Z`, a wrong offset) is at most the 14 h of UTC+14,
 * which this covers; anything further (year 9999) would sort as the newest folder for ever.
 */
export const generatedAtLeadMs = 24 * 60 * 60 * 1000;

/**
 * Refuses (400 STORAGE.GENERATED_AT_OUT_OF_RANGE) a generatedAt outside
 * [2000-01-01T00:00:00Z, now + 1 day], compared as instants, or one that is not an instant at all
 * (a leap second `23:59:60` passes the date-time format, yet has no `Date`, so no folder).
 */
export function checkGeneratedAt(generatedAt: string, now: Date): void {
  const at = Date.parse(generatedAt);
  const latest = now.getTime() + generatedAtLeadMs;
  if (Number.isNaN(at) || at < earliestGeneratedAt || at > latest) {
    throw storageErrors.generatedAtOutOfRange(
      generatedAt,
      new Date(earliestGeneratedAt).toISOString(),
      new Date(latest).toISOString(),
    );
  }
}
