import { crc32 } from 'node:zlib';
import { BusError } from '../errors.ts';

/** One record as the log stores it. */
export interface LogRecord {
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
  /** Milliseconds since the epoch, when the record was appended. */
  readonly timestamp: number;
}

/**
 * A frame: [u32 body length][u32 CRC32 of the body][body], big-endian. The body is
 * [u8 format version][f64 timestamp][u32 length + key UTF-8][u32 length + headers JSON][u32 length + value].
 */
export const FRAME_HEADER_BYTES = 8;
const FORMAT_VERSION = 1;
const MIN_BODY_BYTES = 1 + 8 + 4 * 3;
/** The largest body a frame may hold; a length above it can only be a torn or corrupt frame. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export function encodeFrame(record: LogRecord): Buffer {
  const key = Buffer.from(record.key, 'utf8');
  const headers = Buffer.from(JSON.stringify(record.headers), 'utf8');
  const bodyLength = MIN_BODY_BYTES + key.length + headers.length + record.value.length;
  if (bodyLength > MAX_BODY_BYTES) {
    throw new BusError('BUS.INVALID_MESSAGE', `a record of ${bodyLength} bytes exceeds ${MAX_BODY_BYTES}`);
  }
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + bodyLength);
  let at = frame.writeUInt8(FORMAT_VERSION, FRAME_HEADER_BYTES);
  at = frame.writeDoubleBE(record.timestamp, at);
  for (const part of [key, headers, record.value]) {
    at = frame.writeUInt32BE(part.length, at);
    at += part.copy(frame, at);
  }
  frame.writeUInt32BE(bodyLength, 0);
  frame.writeUInt32BE(crc32(frame.subarray(FRAME_HEADER_BYTES)), 4);
  return frame;
}

/** The whole length of the frame whose header starts at `at`, or undefined when that length cannot be right. */
export function frameLength(header: Buffer, at = 0): number | undefined {
  const bodyLength = header.readUInt32BE(at);
  if (bodyLength < MIN_BODY_BYTES || bodyLength > MAX_BODY_BYTES) return undefined;
  return FRAME_HEADER_BYTES + bodyLength;
}

/** Whether the frame at `at` (its full length in `buffer`) is intact: its checksum and format match. */
export function frameIntact(buffer: Buffer, at: number, length: number): boolean {
  const body = buffer.subarray(at + FRAME_HEADER_BYTES, at + length);
  return body.readUInt8(0) === FORMAT_VERSION && crc32(body) === buffer.readUInt32BE(at + 4);
}

/** Decodes the frame at `at`; the value is a view into `buffer`, not a copy. */
export function decodeFrame(buffer: Buffer, at: number): { record: LogRecord; length: number } {
  const length = FRAME_HEADER_BYTES + buffer.readUInt32BE(at);
  const timestamp = buffer.readDoubleBE(at + FRAME_HEADER_BYTES + 1);
  let cursor = at + FRAME_HEADER_BYTES + 9;
  const part = (): Buffer => {
    const size = buffer.readUInt32BE(cursor);
    const bytes = buffer.subarray(cursor + 4, cursor + 4 + size);
    cursor += 4 + size;
    return bytes;
  };
  const key = part().toString('utf8');
  const headers = JSON.parse(part().toString('utf8')) as Record<string, string>;
  const value = part();
  return { record: { key, value, headers, timestamp }, length };
}
