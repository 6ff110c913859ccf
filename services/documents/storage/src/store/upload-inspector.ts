import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { storageErrors } from '../errors.ts';

const pdfMagic = Buffer.from('%PDF-', 'latin1');

/**
 * Passes an upload through while hashing it (SHA-256) and counting its bytes; fails as soon as the
 * first bytes are not the PDF magic `%PDF-`, or as soon as the count passes `maxBytes`.
 */
export class UploadInspector extends Transform {
  readonly #maxBytes: number;
  readonly #hash = createHash('sha256');
  #head = Buffer.alloc(0);
  #size = 0;

  constructor(maxBytes: number) {
    super();
    this.#maxBytes = maxBytes;
  }

  get size(): number {
    return this.#size;
  }

  /** The hex digest; call once the stream has ended. */
  digest(): string {
    return this.#hash.digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#size += chunk.length;
    if (this.#size > this.#maxBytes) return callback(storageErrors.tooLarge(this.#maxBytes));
    if (this.#head.length < pdfMagic.length) {
      this.#head = Buffer.concat([this.#head, chunk.subarray(0, pdfMagic.length - this.#head.length)]);
      if (!this.#headSoFarMatches()) return callback(notAPdf());
    }
    this.#hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    callback(this.#head.length < pdfMagic.length ? notAPdf() : null);
  }

  #headSoFarMatches(): boolean {
    return this.#head.equals(pdfMagic.subarray(0, this.#head.length));
  }
}

function notAPdf() {
  return storageErrors.notAPdf('The file does not start with the PDF signature %PDF-');
}
