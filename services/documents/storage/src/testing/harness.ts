import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { OperationLog, OperationRecord } from '@eventflow/oplog';
import { recordingOperationLog } from '@eventflow/oplog/testing';
import { buildService, type ServiceApp } from '@eventflow/service';
import { capturedLines } from '@eventflow/service/testing';
import { storageService, type StorageServiceOptions } from '../service/storage-service.ts';
import { minimalPdf } from './pdf.ts';
import { multipartBody, type FilePart, type Part } from './multipart.ts';

export interface Harness {
  readonly app: ServiceApp;
  readonly root: string;
  /** Operation records the service shipped, through a fake bus. */
  readonly records: OperationRecord[];
  readonly log: OperationLog;
  /** pino lines the service wrote. */
  readonly lines: Array<Record<string, unknown>>;
}

/** A Storage Server on a fresh temporary root, with its operation log captured; closed after the test. */
export async function storageHarness(
  t: TestContext,
  options: Omit<StorageServiceOptions, 'root' | 'log'> & { root?: string } = {},
): Promise<Harness> {
  const root = options.root ?? (await mkdtemp(join(tmpdir(), 'storage-test-')));
  const { log, records } = recordingOperationLog('storage', 'storage-server');
  const { lines, stream } = capturedLines();
  const app = buildService(storageService({ ...options, root, log }), {
    logger: { stream },
    defaultMetrics: false,
  });
  await app.ready();
  t.after(async () => {
    await app.close();
    await log.close();
    if (options.root === undefined) await rm(root, { recursive: true, force: true });
  });
  return { app, root, records, log, lines };
}

export interface UploadInput {
  readonly correlationId?: string | undefined;
  readonly clientId?: string | undefined;
  readonly generatedAt?: string | undefined;
  readonly fileName?: string | undefined;
  readonly file?: FilePart | null;
  /** Put the file part before the fields (default after). */
  readonly fileFirst?: boolean;
  /** Fields sent as `Content-Type: application/json` parts instead of text, in place of the text field. */
  readonly jsonFields?: Readonly<Record<string, unknown>>;
}

/** POSTs an upload; fields default to a valid one, `undefined`-valued keys are left out. */
export async function upload(app: ServiceApp, input: UploadInput = {}) {
  const values = {
    correlationId: 'corr-1',
    clientId: 'client-7',
    generatedAt: '2025-09-10T08:30:00Z',
    fileName: 'report.pdf',
    ...input,
  };
  const json = input.jsonFields ?? {};
  const fields = (['correlationId', 'clientId', 'generatedAt', 'fileName'] as const)
    .filter((key) => values[key] !== undefined)
    .map((key): Part => (key in json ? { field: key, json: json[key] } : [key, values[key] ?? '']));
  const file = input.file === undefined ? { bytes: minimalPdf() } : input.file;
  const parts = file === null ? fields : input.fileFirst === true ? [file, ...fields] : [...fields, file];
  const body = await multipartBody(parts);
  return app.inject({ method: 'POST', url: '/api/storage/upload', ...body });
}

/** Every file and folder under `root`, relative and sorted: to see that nothing new appeared. */
export async function tree(root: string): Promise<string[]> {
  return (await readdir(root, { recursive: true })).sort();
}
