import { EventStoreError } from '../errors.ts';
import type { ExpectedVersion } from '../events/types.ts';

export function validateExpectedVersion(expected: ExpectedVersion): ExpectedVersion {
  if (expected === 'any' || expected === 'no-stream') return expected;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new EventStoreError('EVENTSTORE.INVALID_ARGUMENT', `expectedVersion must be an integer ≥ 0`, {
      expectedVersion: expected,
    });
  }
  return expected;
}

/** 'no-stream' and 0 both mean "nothing appended yet"; 'any' accepts every version. */
export function matchesExpected(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === 0;
  return expected === actual;
}

/** `actual` is undefined only when the database refused a duplicate version without telling which. */
export function versionConflict(
  streamId: string,
  expected: ExpectedVersion,
  actual: number | undefined,
): EventStoreError {
  return new EventStoreError(
    'EVENTSTORE.VERSION_CONFLICT',
    `stream ${streamId} is at version ${actual ?? 'beyond that'}, expected ${String(expected)}`,
    { streamId, expected, actual },
  );
}
