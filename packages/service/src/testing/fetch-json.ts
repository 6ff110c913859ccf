import type { JsonResponse } from './inject-json.ts';

/** An HTTP answer as `assertProblem` reads it, with the JSON (or problem+json) parsed. */
export interface FetchedJson<T> extends JsonResponse<T> {
  readonly headers: Readonly<Record<string, string>>;
}

export interface FetchJsonInit {
  /** @default GET without a body, POST with one */
  readonly method?: string;
  /** Sent as JSON (`content-type: application/json`). */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * `injectJson` over the network: sends `body` as JSON (if any) to a running service or gateway with
 * `fetch`, and parses the JSON or problem+json answer (`undefined` when empty).
 */
export async function fetchJson<T = unknown>(url: string, init: FetchJsonInit = {}): Promise<FetchedJson<T>> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return {
    statusCode: response.status,
    headers: Object.fromEntries(response.headers),
    body: (text === '' ? undefined : JSON.parse(text)) as T,
    text,
  };
}
