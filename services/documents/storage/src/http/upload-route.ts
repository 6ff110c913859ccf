import type { HttpOperations, OperationDetails } from '@eventflow/oplog';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { storageErrors } from '../errors.ts';
import type { FileStore, UploadFields } from '../store/file-store.ts';
import { isSafeId } from '../store/names.ts';
import { discardStaged, type StagedFile } from '../store/staging.ts';
import { uploadSchema } from './schemas.ts';

export interface UploadRouteOptions {
  readonly store: FileStore;
  readonly recorder: HttpOperations;
  readonly maxBytes: number;
}

/** Declared types a PDF may arrive with; the bytes themselves are checked whatever is declared. */
const acceptedTypes = new Set(['application/pdf', 'application/x-pdf', 'application/octet-stream', '']);

/**
 * POST /api/storage/upload. The file part is staged (streamed to a temporary file, checked, hashed)
 * while the form is parsed, whatever the order of its parts; the fields are then validated by the
 * route's schema; only a valid upload is committed. Anything staged but not committed is removed
 * before the response is sent.
 */
export function uploadRoute(options: UploadRouteOptions) {
  const staged = new WeakMap<FastifyRequest, StagedFile>();
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(multipart, {
      attachFieldsToBody: 'keyValues',
      // One more byte than allowed reaches the inspector, which refuses it (413), so busboy never truncates silently.
      limits: { fileSize: options.maxBytes + 1, files: 1, fields: 8, fieldSize: 4096, parts: 9, headerPairs: 64 },
      async onFile(this: FastifyRequest, part: MultipartFile) {
        staged.set(this, await stagePart(options, part));
        part.value = part.filename || 'file';
      },
    });

    // busboy refuses a form without a boundary, or cut short, with a plain Error, and a field declared JSON
    // that is not is a 406: all bad input (400), handed on to the kit's problem handler as a ServiceError.
    app.setErrorHandler((error) => {
      throw isMalformedForm(error) ? storageErrors.malformedForm((error as Error).message) : error;
    });

    const recording = options.recorder.hooks({ operation: 'upload', describe: describeUpload });
    app.post(
      '/api/storage/upload',
      {
        schema: uploadSchema,
        ...recording,
        preValidation: [requireMultipart, requireTextFields],
        onSend: [
          recording.onSend,
          async (request, _reply, payload) => {
            const file = staged.get(request);
            if (file !== undefined) await discardStaged(file);
            return payload;
          },
        ],
      },
      async (request, reply) => {
        const file = staged.get(request);
        if (file === undefined) throw storageErrors.fileMissing();
        const { file: stored, duplicate } = await options.store.commit(file, request.body as UploadFields);
        options.recorder.note(request, {
          payload: { clientId: stored.clientId, size: stored.size, sha256: stored.sha256, duplicate },
        });
        return reply.code(duplicate ? 200 : 201).send({ ...stored, duplicate });
      },
    );
  };
}

async function stagePart(options: UploadRouteOptions, part: MultipartFile): Promise<StagedFile> {
  if (part.fieldname !== 'file') {
    part.file.destroy();
    throw storageErrors.unexpectedFile(part.fieldname);
  }
  if (!acceptedTypes.has(part.mimetype.split(';')[0]?.trim().toLowerCase() ?? '')) {
    part.file.destroy();
    throw storageErrors.notAPdf(`The file is declared as ${part.mimetype}, not application/pdf`);
  }
  return options.store.stage(part.file, options.maxBytes);
}

function requireMultipart(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void {
  done(request.isMultipart() ? undefined : storageErrors.notMultipart());
}

/**
 * Every field of the form must be text. @fastify/multipart parses a field declared
 * `Content-Type: application/json`, and the schema's validator would then coerce a number, a
 * boolean or a one-item array to text (`clientId: 123` stored as "123"): refused here, before it
 * can. The file part's value is its name, text too; a field sent twice arrives as an array.
 */
function requireTextFields(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void {
  const body = typeof request.body === 'object' && request.body !== null ? request.body : {};
  const notText = Object.entries(body).find(([, value]) => typeof value !== 'string');
  done(notText === undefined ? undefined : storageErrors.fieldNotText(notText[0], sentAs(notText[1])));
}

function sentAs(value: unknown): string {
  if (Array.isArray(value)) return 'more than once, or as a JSON array';
  return `as a JSON ${value === null ? 'null' : typeof value}`;
}

/** The form's fields as far as they were read (a refused upload may stop before the end). */
function describeUpload(request: FastifyRequest): OperationDetails {
  const correlationId = formField(request.body, 'correlationId');
  const fileName = formField(request.body, 'fileName');
  const clientId = formField(request.body, 'clientId');
  return {
    correlationId: isSafeId(correlationId) ? correlationId : undefined,
    fileName: fileName?.slice(0, 255),
    payload: isSafeId(clientId) ? { clientId } : {},
  };
}

/** A text field, from the parsed form (`{ name: value }`) or from the parts read so far. */
function formField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const field = (body as Record<string, unknown>)[name];
  if (typeof field === 'string') return field;
  const value = (field as { value?: unknown } | undefined)?.value;
  return typeof value === 'string' ? value : undefined;
}

/**
 * busboy's errors for a form it cannot parse (no boundary, cut short, bad part headers), and
 * @fastify/multipart's for a field declared JSON that is not (its own status, 406, is not this).
 */
function isMalformedForm(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if ('code' in error) return error.code === 'FST_INVALID_JSON_FIELD_ERROR';
  if ('statusCode' in error) return false;
  return /^(Multipart: |Unexpected end of (multipart data|form)|Malformed part header)/.test(error.message);
}
