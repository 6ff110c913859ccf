import type { OperationLog } from '@eventflow/oplog';
import type { PolicyData } from '@eventflow/resilience';
import type { ServiceDefinition } from '@eventflow/service';
import { reportRoute } from '../http/report-route.ts';
import { defaultStoragePolicy, StorageClient } from '../storage/storage-client.ts';

export interface PdfServiceOptions {
  /** The storage server: a client (shared, or with a test transport), or its base URL. */
  readonly storage: StorageClient | { readonly url: string };
  /** Where each report request is recorded (topic logs-pdf). */
  readonly log?: OperationLog;
  /** The generation time of reports that do not bring their own. */
  readonly now?: () => Date;
  /** The storage calls' policy when `storage` is a URL (default `defaultStoragePolicy`). */
  readonly httpPolicy?: PolicyData;
}

/**
 * The PDF Server (spec 000): renders client reports as PDF and stores each one on the Storage
 * Server, synchronously, before answering with what storage kept.
 */
export function pdfService(options: PdfServiceOptions): ServiceDefinition {
  const storage =
    options.storage instanceof StorageClient
      ? options.storage
      : new StorageClient({ url: options.storage.url, policy: options.httpPolicy ?? defaultStoragePolicy });
  return {
    name: 'pdf',
    version: '0.1.0',
    description: 'PDF Server: renders client reports and stores them on the Storage Server',
    routes: [reportRoute({ storage, log: options.log, now: options.now ?? (() => new Date()) })],
  };
}
