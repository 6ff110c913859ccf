import type { HttpOperations } from '@eventflow/oplog';
import type { FastifyInstance } from 'fastify';
import type { FileStore } from '../store/file-store.ts';
import { correlationParam, describeLookup, findFile } from './lookup.ts';
import { listingSchema, metadataSchema } from './schemas.ts';

/** GET /api/storage/file/:correlationId/metadata and GET /api/storage/files[?date=YYYY-MM-DD]. */
export function metadataRoutes(options: { readonly store: FileStore; readonly recorder: HttpOperations }) {
  return (app: FastifyInstance): void => {
    app.get(
      '/api/storage/file/:correlationId/metadata',
      { schema: metadataSchema, ...options.recorder.hooks({ operation: 'metadata', describe: describeLookup }) },
      (request) => {
        const file = findFile(options.store, correlationParam(request));
        options.recorder.note(request, {
          fileName: file.fileName,
          payload: { clientId: file.clientId, size: file.size, sha256: file.sha256 },
        });
        return Promise.resolve(file);
      },
    );

    app.get('/api/storage/files', { schema: listingSchema }, (request) => {
      const { date } = request.query as { date?: string };
      return Promise.resolve(
        date === undefined ? { dates: options.store.dates() } : { date, files: options.store.onDate(date) },
      );
    });
  };
}
