/** Stable codes: they become problem+json or dead-letter reasons only at the edge. */
export type DocStoreErrorCode =
  /** A unique index (or `_id`) already holds the value: nothing was written. */
  | 'DOCSTORE.DUPLICATE'
  /** A document is not a plain JSON object with a non-empty string `_id` and legal field names. */
  | 'DOCSTORE.INVALID_DOCUMENT'
  /** A filter uses something the port does not offer, or an operand of the wrong type. */
  | 'DOCSTORE.INVALID_FILTER'
  /** An update is malformed, or cannot apply to the document it matched ($inc on a string…). */
  | 'DOCSTORE.INVALID_UPDATE'
  /** A collection name, index or find option the port refuses. */
  | 'DOCSTORE.INVALID_ARGUMENT'
  /** The store was closed. */
  | 'DOCSTORE.CLOSED';

/** What each code carries in `details`. */
export interface DocStoreErrorDetails {
  'DOCSTORE.DUPLICATE': {
    readonly collection: string;
    /** The index's name: `_id_` for `_id`, else MongoDB's default naming (`email_1`, `a.b_1_c_1`). */
    readonly index: string;
    /** Its field paths; empty when the server did not say which index refused. */
    readonly fields: readonly string[];
  };
  'DOCSTORE.INVALID_DOCUMENT': { readonly collection?: string; readonly path?: string };
  'DOCSTORE.INVALID_FILTER': { readonly collection?: string; readonly path?: string };
  'DOCSTORE.INVALID_UPDATE': { readonly collection?: string; readonly path?: string };
  'DOCSTORE.INVALID_ARGUMENT': { readonly argument?: string };
  'DOCSTORE.CLOSED': { readonly store?: string };
}

export class DocStoreError<C extends DocStoreErrorCode = DocStoreErrorCode> extends Error {
  readonly code: C;
  readonly details: DocStoreErrorDetails[C];

  constructor(code: C, message: string, details: DocStoreErrorDetails[C], options?: ErrorOptions) {
    super(message, options);
    this.name = 'DocStoreError';
    this.code = code;
    this.details = details;
  }
}

/** The one way this package makes its errors. */
export function docStoreError<C extends DocStoreErrorCode>(
  code: C,
  message: string,
  details: DocStoreErrorDetails[C],
  cause?: unknown,
): DocStoreError<C> {
  return new DocStoreError(code, message, details, cause === undefined ? undefined : { cause });
}

/** `isDocStoreError(error, 'DOCSTORE.DUPLICATE')` narrows `details` to that code's. */
export function isDocStoreError<C extends DocStoreErrorCode = DocStoreErrorCode>(
  error: unknown,
  code?: C,
): error is DocStoreError<C> {
  return error instanceof DocStoreError && (code === undefined || error.code === code);
}

/** The `details.index` of a unique index on `fields` (MongoDB's default index name). */
export function indexName(fields: readonly string[]): string {
  return fields.length === 1 && fields[0] === '_id' ? '_id_' : fields.map((field) => `${field}_1`).join('_');
}
