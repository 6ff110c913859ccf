import { ServiceError } from '@eventflow/service';

/** What the storage server said, passed on so the caller sees why. */
export interface StorageAnswer {
  readonly status: number;
  readonly code?: string;
  readonly title?: string;
  readonly detail?: string;
}

function said(storage: StorageAnswer): string {
  const what = [storage.code, storage.detail ?? storage.title].filter((part) => part !== undefined).join(': ');
  return what === '' ? `HTTP ${storage.status}` : `${storage.status} ${what}`;
}

/** The PDF Server's typed errors, each with a stable code; the kit turns them into problem+json. */
export const pdfErrors = {
  invalidCorrelationId: (correlationId: string) =>
    new ServiceError(
      'PDF.INVALID_CORRELATION_ID',
      400,
      'Correlation id unfit for storage',
      `The request's correlation id "${correlationId}" cannot name a stored file (1-100 of A-Z a-z 0-9 . _ -); send a correlationId in the body`,
    ),
  conflict: (correlationId: string, storage: StorageAnswer) =>
    new ServiceError(
      'PDF.CONFLICT',
      409,
      'A different report is already stored',
      `The storage server already holds a different file for correlation id ${correlationId} (${said(storage)})`,
      { correlationId, storage },
    ),
  reportRefused: (storage: StorageAnswer) =>
    new ServiceError(
      'PDF.REPORT_REFUSED',
      400,
      'The report cannot be stored as given',
      `The storage server refused the report's fields: ${said(storage)}`,
      { storage },
    ),
  storageRejected: (storage: StorageAnswer) =>
    new ServiceError(
      'PDF.STORAGE_REJECTED',
      502,
      'Storage refused the report',
      `The storage server refused the upload: ${said(storage)}`,
      { storage },
    ),
  storageFailed: (storage: StorageAnswer) =>
    new ServiceError(
      'PDF.STORAGE_FAILED',
      502,
      'Storage failed to store the report',
      `The storage server failed: ${said(storage)}`,
      { storage },
    ),
  storageBadAnswer: (detail: string) =>
    new ServiceError('PDF.STORAGE_BAD_RESPONSE', 502, 'Unexpected answer from storage', detail),
  storageUnavailable: (detail: string, retryAfterSeconds: number, storage?: StorageAnswer) =>
    new ServiceError('PDF.STORAGE_UNAVAILABLE', 503, 'Storage unavailable', detail, {
      retryAfterSeconds,
      ...(storage === undefined ? {} : { storage }),
    }),
};
