import { useMemo, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { withQuery } from '../api/http.ts';

/** The console's own little router: pages are paths under /console, their state is the query string. */
export const pages = ['jobs', 'storage', 'logs', 'ticketing'] as const;
export type Page = (typeof pages)[number];

const base = '/console';
const navigated = 'console:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(navigated, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(navigated, onChange);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export interface Location {
  readonly page: Page;
  readonly query: URLSearchParams;
}

export function useLocation(): Location {
  const url = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => {
    const parsed = new URL(url, window.location.origin);
    const segment = parsed.pathname.slice(base.length).split('/')[1] ?? '';
    const page = pages.find((p) => p === segment) ?? 'jobs';
    return { page, query: parsed.searchParams };
  }, [url]);
}

export function pageUrl(page: Page, query: Record<string, string | undefined> = {}): string {
  return withQuery(`${base}/${page}`, query);
}

/** Goes to a console URL without reloading; `replace` for changes not worth a Back step. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace === true) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(navigated));
}

/** The current page with some of its query changed (undefined removes a key). */
export function setQuery(changes: Record<string, string | undefined>, options: { replace?: boolean } = {}): void {
  const query = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') query.delete(key);
    else query.set(key, value);
  }
  const text = query.toString();
  navigate(`${window.location.pathname}${text === '' ? '' : `?${text}`}`, options);
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { readonly to: string };

/** An anchor that navigates inside the console (a new tab still works: the gateway serves every path). */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    const plain = event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
    if (!event.defaultPrevented && plain) {
      event.preventDefault();
      navigate(to);
    }
  };
  return <a href={to} onClick={follow} {...rest} />;
}
