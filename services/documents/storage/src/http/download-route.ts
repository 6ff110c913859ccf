import type { HttpOperations } from '@eventflow/oplog';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { storageErrors } from '../errors.ts';
import type { FileStore } from '../store/file-store.ts';
import type { StoredFile } from '../store/stored-file.ts';
import { ifRangeHolds, isNotModified, type Validators } from './conditional.ts';
import { attachmentDisposition } from './content-disposition.ts';
import { parseRange, type ByteRange } from './range.ts';
import { correlationParam, describeLookup, findFile } from './lookup.ts';
import { openVerified, type VerifiedBody } from './verified-read.ts';
import { ChecksumMismatchError } from './verifying-stream.ts';
import { downloadSchema } from './schemas.ts';

export interface DownloadRouteOptions {
  readonly store: FileStore;
  readonly recorder: HttpOperations;
  /** Files up to this size are verified in full before any header is sent (see `openVerified`). */
  readonly verifyFirstBytes: number;
}

/** GET /api/storage/file/:correlationId — the PDF, verified against its SHA-256 as it is read. */
export function downloadRoute(options: DownloadRouteOptions) {
  return (app: FastifyInstance): void => {
    app.get(
      '/api/storage/file/:correlationId',
      { schema: downloadSchema, ...options.recorder.hooks({ operation: 'download', describe: describeLookup }) },
      async (request, reply) => {
        const file = findFile(options.store, correlationParam(request));
        options.recorder.note(request, { fileName: file.fileName, payload: payloadOf(file) });
        const validators: Validators = { etag: `"${file.sha256}"`, lastModified: new Date(file.storedAt) };
        reply.header('etag', validators.etag).header('last-modified', validators.lastModified.toUTCString());
        reply.header('accept-ranges', 'bytes');
        const { headers } = request;
        if (isNotModified(headers['if-none-match'], headers['if-modified-since'], validators)) {
          return reply.code(304).send();
        }
        const range = ifRangeHolds(headers['if-range'], validators) ? parseRange(headers.range, file.size) : undefined;
        if (range === 'unsatisfiable') {
          reply.header('content-range', `bytes */${file.size}`);
          throw storageErrors.rangeNotSatisfiable(file.size);
        }
        const body = await readChecked(options, request, file, range);
        return sendBody(options.recorder, request, reply, file, range, body);
      },
    );
  };
}

async function readChecked(
  options: DownloadRouteOptions,
  request: FastifyRequest,
  file: StoredFile,
  range: ByteRange | undefined,
): Promise<VerifiedBody> {
  try {
    return await openVerified(options.store.absolutePath(file), file, range, options.verifyFirstBytes);
  } catch (error) {
    if (!(error instanceof ChecksumMismatchError) && (error as { code?: unknown }).code !== 'ENOENT') throw error;
    request.log.error({ err: error, correlationId: file.correlationId, path: file.path }, 'stored file is corrupt');
    throw storageErrors.corrupt(file.correlationId);
  }
}

function sendBody(
  recorder: HttpOperations,
  request: FastifyRequest,
  reply: FastifyReply,
  file: StoredFile,
  range: ByteRange | undefined,
  body: VerifiedBody,
): FastifyReply {
  reply.type('application/pdf').header('content-disposition', attachmentDisposition(file.fileName));
  reply.header('content-length', range === undefined ? file.size : range.end - range.start + 1);
  if (range !== undefined) reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${file.size}`);
  if (body.kind === 'buffer') return reply.send(body.data);
  recorder.settleWithStream(request, reply, body.stream);
  body.stream.once('error', (error) => {
    if (error instanceof ChecksumMismatchError) {
      request.log.error({ err: error, correlationId: file.correlationId, path: file.path }, 'stored file is corrupt');
    }
  });
  return reply.send(body.stream);
}

function payloadOf(file: StoredFile): Record<string, unknown> {
  return { clientId: file.clientId, size: file.size, sha256: file.sha256, path: file.path };
}
