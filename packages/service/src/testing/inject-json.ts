import type { FastifyInstance, HTTPMethods } from 'fastify';

export interface JsonRequest {
  readonly method: HTTPMethods;
  readonly url: string;
  /** Sent as JSON (`content-type: application/json`). */
  readonly payload?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface JsonResponse<T> {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
  /** The parsed body; `undefined` when empty. */
  readonly body: T;
  /** The body as received. */
  readonly text: string;
}

/** Sends a JSON request through `app.inject()` and parses the JSON (or problem+json) answer. */
export async function injectJson<T = unknown>(app: FastifyInstance, request: JsonRequest): Promise<JsonResponse<T>> {
  const json = request.payload === undefined ? undefined : JSON.stringify(request.payload);
  const response = await app.inject({
    method: request.method,
    url: request.url,
    headers: json === undefined ? { ...request.headers } : { 'content-type': 'application/json', ...request.headers },
    ...(json === undefined ? {} : { payload: json }),
  });
  return {
    statusCode: response.statusCode,
    headers: response.headers,
    body: (response.body === '' ? undefined : JSON.parse(response.body)) as T,
    text: response.body,
  };
}
