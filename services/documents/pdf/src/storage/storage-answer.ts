import { pdfErrors, type StorageAnswer } from '../errors.ts';
import { parseStoredDocument, type StoredDocument } from './stored-document.ts';

export interface SentDocument {
  readonly correlationId: string;
  readonly size: number;
  readonly sha256: string;
}

/**
 * The storage server's answer to an upload: the stored document (checked against what was sent),
 * or the error that says what storage said. 409 is a conflict; 408, 429 and 503 mean "later"; 400
 * refuses the report's fields (the caller's 400); other 4xx are refusals and other 5xx failures, both
 * a bad gateway for our caller.
 */
export async function readUploadAnswer(response: Response, sent: SentDocument): Promise<StoredDocument> {
  if (response.status === 200 || response.status === 201) return storedOrThrow(await jsonOf(response), sent);
  const storage = await problemOf(response);
  if (response.status === 409) throw pdfErrors.conflict(sent.correlationId, storage);
  if (response.status === 408 || response.status === 429 || response.status === 503) {
    const seconds = Number(response.headers.get('retry-after'));
    const retryAfter = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 1;
    throw pdfErrors.storageUnavailable(`The storage server is unavailable (${storage.status})`, retryAfter, storage);
  }
  // 400: storage found the report's own fields unfit (a generatedAt out of its window): the caller's to fix.
  if (response.status === 400) throw pdfErrors.reportRefused(storage);
  if (response.status >= 400 && response.status < 500) throw pdfErrors.storageRejected(storage);
  if (response.status >= 500) throw pdfErrors.storageFailed(storage);
  throw pdfErrors.storageBadAnswer(`The storage server answered ${response.status} to an upload`);
}

function storedOrThrow(json: unknown, sent: SentDocument): StoredDocument {
  const stored = parseStoredDocument(json);
  if (stored === undefined) throw pdfErrors.storageBadAnswer('The storage server answered without the stored metadata');
  if (stored.correlationId !== sent.correlationId || stored.sha256 !== sent.sha256 || stored.size !== sent.size) {
    throw pdfErrors.storageBadAnswer(
      `The storage server reports ${stored.correlationId} (${stored.size} bytes, sha256 ${stored.sha256}); ` +
        `sent ${sent.correlationId} (${sent.size} bytes, sha256 ${sent.sha256})`,
    );
  }
  return stored;
}

async function jsonOf(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

async function problemOf(response: Response): Promise<StorageAnswer> {
  const body = (await jsonOf(response)) as Record<string, unknown> | undefined;
  const text = (key: string) => (typeof body?.[key] === 'string' ? { [key]: body[key] } : {});
  return { status: response.status, ...text('code'), ...text('title'), ...text('detail') };
}
