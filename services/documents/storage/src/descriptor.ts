import { defineService } from '@eventflow/host';
import { defaultMaxBytes } from './limits.ts';

/** The Storage Server (spec 000, part 2) on the host: its files in the `files` port's folder. */
export const storage = defineService({
  name: 'storage',
  system: 'documents',
  description: 'Storage Server: generated PDFs by date, stored atomically and served verified by correlation id',
  routes: [{ prefix: '/api/storage' }],
  port: 8103,
  needs: ['files'],
  operationLog: { id: 'storage', service: 'storage-server' },
  recordRequests: 'self',
  config: {
    type: 'object',
    properties: { STORAGE_MAX_BYTES: { type: 'integer', minimum: 1, default: defaultMaxBytes } },
  },
  // Loaded when built, so that a platform list of descriptors stays light to import.
  build: async ({ ports, config, log }) =>
    (await import('./service/storage-service.ts')).storageService({
      root: ports.files.dir,
      maxBytes: config.STORAGE_MAX_BYTES,
      log,
    }),
});
