import { Link, pageUrl, type Page } from './router.tsx';

const entries: ReadonlyArray<{ page: Page; label: string; hint: string }> = [
  { page: 'jobs', label: 'Jobs', hint: 'Report jobs: states, retries, recurring' },
  { page: 'storage', label: 'Storage', hint: 'Stored PDFs by date' },
  { page: 'logs', label: 'Logs', hint: 'Live operation logs of every service' },
  { page: 'ticketing', label: 'Ticketing', hint: 'Events, live sales, reservations and their sagas' },
];

export function Nav({ current }: { readonly current: Page }) {
  return (
    <nav className="nav" aria-label="Pages">
      {entries.map((entry) => (
        <Link
          key={entry.page}
          to={pageUrl(entry.page)}
          title={entry.hint}
          className={entry.page === current ? 'nav-link active' : 'nav-link'}
          aria-current={entry.page === current ? 'page' : undefined}
        >
          {entry.label}
        </Link>
      ))}
    </nav>
  );
}
