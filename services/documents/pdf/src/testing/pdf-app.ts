import type { TestContext } from 'node:test';
import type { OperationRecord } from '@eventflow/oplog';
import { recordingOperationLog } from '@eventflow/oplog/testing';
import type { PolicyData } from '@eventflow/resilience';
import { buildService, type ServiceApp } from '@eventflow/service';
import { capturedLines } from '@eventflow/service/testing';
import { pdfService } from '../service/pdf-service.ts';
import { StorageClient, type StorageClientOptions } from '../storage/storage-client.ts';

/** Quick to fail and recover, without pauses: 2 tries per upload, the circuit opens after 4 failures. */
export const testPolicy: PolicyData = {
  timeoutMs: 5000,
  retry: { maxAttempts: 2, initialDelayMs: 0, maxDelayMs: 0, jitter: 'none' },
  breaker: { consecutiveFailures: 4, halfOpenAfterMs: 30_000 },
};

export const fixedNow = new Date('2025-09-10T08:30:00.000Z');

export interface PdfApp {
  readonly app: ServiceApp;
  readonly storage: StorageClient;
  /** Its operation records (logs-pdf). */
  readonly records: OperationRecord[];
  readonly lines: Array<Record<string, unknown>>;
}

/** A PDF Server app (driven through inject) uploading to `url` with the test policy; closed after the test. */
export async function pdfApp(
  t: TestContext,
  url: string,
  options: Partial<Pick<StorageClientOptions, 'fetch' | 'policy'>> = {},
): Promise<PdfApp> {
  const storage = new StorageClient({ url, policy: options.policy ?? testPolicy, ...options });
  const { log, records } = recordingOperationLog('pdf', 'pdf-server');
  const { lines, stream } = capturedLines();
  const app = buildService(pdfService({ storage, log, now: () => fixedNow }), {
    logger: { stream },
    defaultMetrics: false,
  });
  await app.ready();
  t.after(async () => {
    await app.close();
    await log.close();
  });
  return { app, storage, records, lines };
}
