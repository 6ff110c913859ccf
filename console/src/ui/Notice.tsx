import type { ReactNode } from 'react';

/** A line that says something went wrong (or right), in place. */
export function Notice({ kind = 'error', children }: { readonly kind?: 'error' | 'ok'; readonly children: ReactNode }) {
  if (children === undefined || children === null || children === '') return null;
  return (
    <p className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}
