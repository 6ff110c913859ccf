import { ServiceError } from '@eventflow/service';

/** The Storage Server's typed errors, each with a stable code; the kit turns them into problem+json. */
export const storageErrors = {
  notMultipart: () =>
    new ServiceError('STORAGE.NOT_MULTIPART', 415, 'Not multipart/form-data', 'Send the upload as multipart/form-data'),
  malformedForm: (detail: string) =>
    new ServiceError('STORAGE.MALFORMED_FORM', 400, 'Malformed multipart form', detail),
  notAPdf: (detail: string) => new ServiceError('STORAGE.NOT_A_PDF', 415, 'Not a PDF', detail),
  tooLarge: (maxBytes: number) =>
    new ServiceError('STORAGE.TOO_LARGE', 413, 'File too large', `The file exceeds ${maxBytes} bytes`, { maxBytes }),
  fileMissing: () =>
    new ServiceError('STORAGE.FILE_MISSING', 400, 'File missing', 'The form needs one file part named "file"'),
  unexpectedFile: (field: string) =>
    new ServiceError('STORAGE.UNEXPECTED_FILE', 400, 'Unexpected file', `Only the field "file" may carry a file`, {
      field,
    }),
  fieldNotText: (field: string, sentAs: string) =>
    new ServiceError(
      'STORAGE.FIELD_NOT_TEXT',
      400,
      'Form field is not text',
      `The field "${field}" must be text; it was sent ${sentAs}`,
      { field },
    ),
  generatedAtOutOfRange: (generatedAt: string, earliest: string, latest: string) =>
    new ServiceError(
      'STORAGE.GENERATED_AT_OUT_OF_RANGE',
      400,
      'generatedAt out of range',
      `generatedAt ${generatedAt} must be an instant from ${earliest} to ${latest} (one day after the server's clock)`,
      { earliest, latest },
    ),
  conflict: (correlationId: string) =>
    new ServiceError(
      'STORAGE.CONFLICT',
      409,
      'Different file already stored',
      `A different file is already stored for correlation id ${correlationId}`,
      { correlationId },
    ),
  notFound: (correlationId: string) =>
    new ServiceError(
      'STORAGE.NOT_FOUND',
      404,
      'File not found',
      `No file is stored for correlation id ${correlationId}`,
      {
        correlationId,
      },
    ),
  corrupt: (correlationId: string) =>
    new ServiceError(
      'STORAGE.CORRUPT',
      500,
      'Stored file is corrupt',
      `The file stored for correlation id ${correlationId} failed its integrity check`,
      { correlationId },
    ),
  rangeNotSatisfiable: (size: number) =>
    new ServiceError('STORAGE.RANGE_NOT_SATISFIABLE', 416, 'Range not satisfiable', `The file has ${size} bytes`, {
      size,
    }),
};
