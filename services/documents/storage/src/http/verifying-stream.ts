import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { ServiceError } from '@eventflow/service';

/**
 * Raised when bytes read back do not hash to what was stored: a STORAGE.CORRUPT problem (500) if
 * it happens before the response has started; the digests are for the log, not the client.
 */
export class ChecksumMismatchError extends ServiceError {
  readonly expected: string;
  readonly actual: string;

  constructor(expected: string, actual: string) {
    super('STORAGE.CORRUPT', 500, 'Stored file is corrupt', 'The stored file failed its integrity check');
    this.name = 'ChecksumMismatchError';
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * Passes a whole file through while hashing it, holding back its last chunk until the hash is
 * known: on a mismatch it fails instead of sending that chunk, so a client never receives a
 * complete (Content-Length) body of a corrupt file, only a cut one.
 */
export function verifyingStream(expectedSha256: string): Transform {
  const hash = createHash('sha256');
  let held: Buffer | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      const previous = held;
      held = chunk;
      callback(null, previous);
    },
    flush(callback) {
      const actual = hash.digest('hex');
      if (actual !== expectedSha256) return callback(new ChecksumMismatchError(expectedSha256, actual));
      callback(null, held);
    },
  });
}
