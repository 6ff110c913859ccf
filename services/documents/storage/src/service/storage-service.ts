import { resolve } from 'node:path';
import type { OperationLog } from '@eventflow/oplog';
import type { ServiceDefinition } from '@eventflow/service';
import { storageOperations } from '../http/operations.ts';
import { storageRoutes } from '../http/storage-routes.ts';
import { FileStore } from '../store/file-store.ts';
import { defaultMaxBytes } from '../limits.ts';

export interface StorageServiceOptions {
  /** The folder that holds `YYYY-MM-DD/` folders of PDFs (created if missing). */
  readonly root: string;
  /** The largest file accepted, in bytes (default 20 MiB); larger is 413. */
  readonly maxBytes?: number;
  /** Where each upload, download and metadata read is recorded (topic logs-storage). */
  readonly log?: OperationLog;
  readonly now?: () => Date;
  /**
   * Files up to this size are hashed in full before a download sends its headers, so a corrupt one
   * is a 500 STORAGE.CORRUPT; larger ones are verified while streaming, and a mismatch cuts the
   * response short. Default 8 MiB (each such download holds the file in memory once).
   */
  readonly verifyFirstBytes?: number;
}

export { defaultMaxBytes };
export const defaultVerifyFirstBytes = 8 * 1024 * 1024;

/**
 * The Storage Server (spec 000, part 2): receives generated PDFs with their correlation id and
 * metadata, keeps them by date, and serves them back by correlation id, verified.
 */
export function storageService(options: StorageServiceOptions): ServiceDefinition {
  const store = new FileStore({ root: resolve(options.root), ...(options.now ? { now: options.now } : {}) });
  const recorder = storageOperations({ log: options.log, ...(options.now ? { now: options.now } : {}) });
  return {
    name: 'storage',
    version: '0.1.0',
    description: 'Storage Server: generated PDFs by date, stored atomically and served verified by correlation id',
    routes: [
      storageRoutes({
        store,
        recorder,
        maxBytes: options.maxBytes ?? defaultMaxBytes,
        verifyFirstBytes: options.verifyFirstBytes ?? defaultVerifyFirstBytes,
      }),
    ],
    readiness: [{ name: 'storage-root', check: () => store.probe() }],
    workers: [
      {
        name: 'storage-index',
        async start(context) {
          const { files, skipped, adopted, removed, discardedStaged } = await store.open();
          for (const entry of skipped) context.log.warn(entry, 'storage: metadata skipped');
          for (const path of adopted) context.log.warn({ path }, 'storage: orphan adopted');
          for (const entry of removed) context.log.warn(entry, 'storage: orphan removed');
          context.log.info(
            {
              root: store.root,
              files: files.length,
              discardedStaged,
              adoptedOrphans: adopted.length,
              removedOrphans: removed.length,
            },
            'storage index loaded',
          );
        },
        close: () => Promise.resolve(),
      },
    ],
  };
}
