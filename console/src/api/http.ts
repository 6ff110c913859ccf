/** An answer other than 2xx; `code` is the problem's stable code (`JOBS.INVALID_STATE`) when it has one. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;

  constructor(status: number, message: string, code?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

interface Problem {
  readonly title?: string;
  readonly detail?: string;
  readonly code?: string;
}

/** Calls the gateway (the console is served from it, so paths are absolute: `/api/...`). */
export async function callApi<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const getJson = <T>(path: string): Promise<T> => callApi<T>('GET', path);

/** A path with a query string of the given values (undefined and empty ones left out). */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const problem = JSON.parse(text) as Problem;
    const message = problem.detail ?? problem.title ?? response.statusText;
    return new ApiError(response.status, message, problem.code);
  } catch {
    return new ApiError(response.status, text || response.statusText);
  }
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return `${error.status}${error.code ? ` ${error.code}` : ''}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
