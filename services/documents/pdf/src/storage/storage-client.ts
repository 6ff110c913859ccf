import { createHash } from 'node:crypto';
import {
  isNetworkError,
  isResilienceError,
  resilientHttp,
  type FetchLike,
  type PolicyData,
  type ResilienceErrorCode,
  type ResiliencePolicy,
  type ResilientHttp,
} from '@eventflow/resilience';
import type { ServiceMetrics } from '@eventflow/service';
import { pdfErrors } from '../errors.ts';
import { readUploadAnswer } from './storage-answer.ts';
import type { StoredDocument } from './stored-document.ts';

/** A document to store, with the metadata the storage server files it under. */
export interface DocumentUpload {
  readonly correlationId: string;
  readonly clientId: string;
  readonly fileName: string;
  /** ISO-8601 with a zone: its UTC date is the storage folder. */
  readonly generatedAt: string;
  readonly bytes: Uint8Array;
}

export interface StorageClientOptions {
  /** The storage server's base URL, e.g. `http://127.0.0.1:8103`. */
  readonly url: string;
  /** Timeout, retry and breaker of the calls (default `defaultStoragePolicy`). */
  readonly policy?: PolicyData;
  readonly metrics?: ServiceMetrics;
  /** The transport (default the global fetch); the kit's httpClient forwards X-Correlation-Id on top. */
  readonly fetch?: FetchLike;
}

/**
 * Per try 10 s; 3 tries 200 ms then 400 ms apart (jittered); the circuit opens after 5 failures in a
 * row and lets a trial upload through 10 s later; at most 16 uploads at once, 64 waiting.
 */
export const defaultStoragePolicy: PolicyData = {
  timeoutMs: 10_000,
  retry: { maxAttempts: 3, initialDelayMs: 200, maxDelayMs: 2000, multiplier: 2, jitter: 'full' },
  breaker: { consecutiveFailures: 5, halfOpenAfterMs: 10_000 },
  bulkhead: { limit: 16, queue: 64 },
};

/**
 * The service layer between the PDF Server and the Storage Server (spec 000: "comunicación
 * síncrona ... por medio de una capa de servicio"): one synchronous HTTP upload per report, under a
 * resilience policy. Uploads are idempotent per correlation id (same bytes again is a duplicate),
 * so they are retried like a PUT.
 */
export class StorageClient {
  readonly url: string;
  readonly #http: ResilientHttp;

  constructor(options: StorageClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.#http = resilientHttp(options.policy ?? defaultStoragePolicy, {
      name: 'storage',
      ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
  }

  get policy(): ResiliencePolicy {
    return this.#http.policy;
  }

  /** Reports the breaker, retries and rejections into a service's /metrics. */
  observe(metrics: ServiceMetrics): { dispose(): void } {
    return this.#http.policy.observe(metrics);
  }

  /** Stores the document; returns its metadata, or throws a PDF.* ServiceError saying what went wrong. */
  async upload(document: DocumentUpload, signal?: AbortSignal): Promise<StoredDocument> {
    const sha256 = createHash('sha256').update(document.bytes).digest('hex');
    let response: Response;
    try {
      response = await this.#http(`${this.url}/api/storage/upload`, {
        method: 'POST',
        body: uploadForm(document),
        headers: { accept: 'application/json' },
        idempotent: true,
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      throw this.#unavailable(error);
    }
    return readUploadAnswer(response, { correlationId: document.correlationId, size: document.bytes.length, sha256 });
  }

  #unavailable(error: unknown): unknown {
    if (isResilienceError(error)) {
      const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 0) / 1000));
      return pdfErrors.storageUnavailable(unavailability[error.code](this.policy.data.timeoutMs, seconds), seconds);
    }
    if (isNetworkError(error)) {
      const cause = (error as Error).cause;
      const why = cause instanceof Error ? `: ${cause.message}` : '';
      return pdfErrors.storageUnavailable(`The storage server at ${this.url} could not be reached${why}`, 1);
    }
    return error;
  }
}

const unavailability: Readonly<Record<ResilienceErrorCode, (timeoutMs: number, seconds: number) => string>> = {
  'RESILIENCE.CIRCUIT_OPEN': (_timeoutMs, seconds) =>
    `Uploads to the storage server are suspended after repeated failures (circuit open); retry in ${seconds} s`,
  'RESILIENCE.TIMEOUT': (timeoutMs) => `The storage server did not answer within ${timeoutMs} ms`,
  'RESILIENCE.BULKHEAD_FULL': () => 'Too many uploads to the storage server are in flight',
};

function uploadForm(document: DocumentUpload): FormData {
  const form = new FormData();
  form.append('correlationId', document.correlationId);
  form.append('clientId', document.clientId);
  form.append('generatedAt', document.generatedAt);
  form.append('fileName', document.fileName);
  form.append('file', new Blob([Uint8Array.from(document.bytes)], { type: 'application/pdf' }), document.fileName);
  return form;
}
