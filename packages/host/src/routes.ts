/** Where the gateway sends a request: every path under a prefix, or one exact path. */
export type GatewayRoute = { readonly prefix: string } | { readonly path: string };

/** `/api/storage` covers `/api/storage` and `/api/storage/…`, not `/api/storagex`. */
export function matchesPrefix(prefix: string, path: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`) || prefix === '/';
}

/** Whether `path` is one the route covers. */
export function routeCovers(route: GatewayRoute, path: string): boolean {
  return 'path' in route ? route.path === path : matchesPrefix(route.prefix, path);
}
