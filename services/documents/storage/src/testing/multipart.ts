/** One part that carries a file. */
export interface FilePart {
  readonly bytes: Uint8Array;
  readonly name?: string;
  readonly type?: string;
  /** The form field (default `file`). */
  readonly field?: string;
}

export interface MultipartBody {
  readonly payload: Buffer;
  readonly headers: Record<string, string>;
}

/**
 * Serialises a multipart/form-data body as a client would (undici's FormData, through `Response`),
 * for `app.inject()`. Parts go in the order given: fields and files interleaved as listed.
 */
export async function multipartBody(
  parts: ReadonlyArray<readonly [string, string] | FilePart>,
): Promise<MultipartBody> {
  const form = new FormData();
  for (const part of parts) {
    if (isField(part)) form.append(part[0], part[1]);
    else {
      const file = part;
      const blob = new Blob([Uint8Array.from(file.bytes)], { type: file.type ?? 'application/pdf' });
      form.append(file.field ?? 'file', blob, file.name ?? 'document.pdf');
    }
  }
  const response = new Response(form);
  return {
    payload: Buffer.from(await response.arrayBuffer()),
    headers: { 'content-type': response.headers.get('content-type') ?? '' },
  };
}

function isField(part: readonly [string, string] | FilePart): part is readonly [string, string] {
  return Array.isArray(part);
}
