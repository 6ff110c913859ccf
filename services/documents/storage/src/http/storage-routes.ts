import type { HttpOperations } from '@eventflow/oplog';
import type { FastifyInstance } from 'fastify';
import type { FileStore } from '../store/file-store.ts';
import { storedFileSchema } from '../store/stored-file.ts';
import { downloadRoute } from './download-route.ts';
import { metadataRoutes } from './metadata-routes.ts';
import { uploadRoute } from './upload-route.ts';

export interface StorageRoutesOptions {
  readonly store: FileStore;
  readonly recorder: HttpOperations;
  readonly maxBytes: number;
  readonly verifyFirstBytes: number;
}

/** Every route of the Storage Server, under /api/storage. */
export function storageRoutes(options: StorageRoutesOptions) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addSchema(storedFileSchema);
    await uploadRoute(options)(app);
    downloadRoute(options)(app);
    metadataRoutes(options)(app);
  };
}
