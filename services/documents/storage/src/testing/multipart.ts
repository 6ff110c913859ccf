/** One part that carries a file. */
export interface FilePart {
  readonly bytes: Uint8Array;
  readonly name?: string;
  readonly type?: string;
  /** The form field (default `file`). */
  readonly field?: string;
}

/**
 * A field part declared `Content-Type: application/json`: @fastify/multipart parses its value, so a
 * client can send a number, a boolean or an object where a text field is expected.
 */
export interface JsonField {
  readonly field: string;
  readonly json: unknown;
}

export type Part = readonly [string, string] | FilePart | JsonField;

export interface MultipartBody {
  readonly payload: Buffer;
  readonly headers: Record<string, string>;
}

/**
 * Serialises a multipart/form-data body as a client would (undici's FormData, through `Response`),
 * for `app.inject()`. Parts go in the order given: fields and files interleaved as listed. FormData
 * cannot declare a field's type, so a body with a `JsonField` is written by hand instead.
 */
export async function multipartBody(parts: readonly Part[]): Promise<MultipartBody> {
  if (parts.some(isJsonField)) return handWritten(parts);
  const form = new FormData();
  for (const part of parts) {
    if (isField(part)) form.append(part[0], part[1]);
    else if (!isJsonField(part)) {
      const blob = new Blob([Uint8Array.from(part.bytes)], { type: part.type ?? 'application/pdf' });
      form.append(part.field ?? 'file', blob, part.name ?? 'document.pdf');
    }
  }
  const response = new Response(form);
  return {
    payload: Buffer.from(await response.arrayBuffer()),
    headers: { 'content-type': response.headers.get('content-type') ?? '' },
  };
}

function handWritten(parts: readonly Part[]): MultipartBody {
  const boundary = `----eventflow-test-${Math.random().toString(16).slice(2)}`;
  const chunks = parts.map((part) => {
    const [headers, body] = isField(part)
      ? [`Content-Disposition: form-data; name="${part[0]}"`, Buffer.from(part[1])]
      : isJsonField(part)
        ? [
            `Content-Disposition: form-data; name="${part.field}"\r\nContent-Type: application/json`,
            Buffer.from(JSON.stringify(part.json)),
          ]
        : [
            `Content-Disposition: form-data; name="${part.field ?? 'file'}"; filename="${part.name ?? 'document.pdf'}"\r\n` +
              `Content-Type: ${part.type ?? 'application/pdf'}`,
            Buffer.from(part.bytes),
          ];
    return Buffer.concat([Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`), body, Buffer.from('\r\n')]);
  });
  return {
    payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function isField(part: Part): part is readonly [string, string] {
  return Array.isArray(part);
}

function isJsonField(part: Part): part is JsonField {
  return !Array.isArray(part) && 'json' in part;
}
