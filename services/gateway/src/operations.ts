/**
 * What the gateway records as an operation (to logs-gateway): every /api/ call but plain reads,
 * which the console polls every few seconds, except file downloads, which spec 000 asks to log.
 */
export function gatewayOperation(request: { method: string; url: string }): boolean {
  if (!request.url.startsWith('/api/')) return false;
  return request.method !== 'GET' || request.url.startsWith('/api/storage/file/');
}
