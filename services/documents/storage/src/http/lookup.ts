import type { OperationDetails } from '@eventflow/oplog';
import type { FastifyRequest } from 'fastify';
import { storageErrors } from '../errors.ts';
import type { FileStore } from '../store/file-store.ts';
import { isSafeId } from '../store/names.ts';
import type { StoredFile } from '../store/stored-file.ts';

/** The `:correlationId` of a route (already validated by its params schema). */
export function correlationParam(request: FastifyRequest): string {
  return (request.params as { correlationId: string }).correlationId;
}

/** The stored file of a correlation id, or STORAGE.NOT_FOUND. */
export function findFile(store: FileStore, correlationId: string): StoredFile {
  const file = store.get(correlationId);
  if (file === undefined) throw storageErrors.notFound(correlationId);
  return file;
}

/** What a lookup request says about its operation before it is answered. */
export function describeLookup(request: FastifyRequest): OperationDetails {
  const correlationId = (request.params as { correlationId?: unknown } | undefined)?.correlationId;
  return { correlationId: isSafeId(correlationId) ? correlationId : undefined };
}
