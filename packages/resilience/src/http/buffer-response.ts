const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

/** The response with its body read in full (so that the attempt's time limit covers it). */
export async function bufferResponse(response: Response, signal: AbortSignal): Promise<Response> {
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  if (nullBodyStatuses.has(response.status) || response.body === null) return new Response(null, init);
  signal.throwIfAborted();
  return new Response(await response.arrayBuffer(), init);
}
