import type { JSX } from 'react';
import { JobsPage } from '../pages/jobs/JobsPage.tsx';
import { LogsPage } from '../pages/logs/LogsPage.tsx';
import { StoragePage } from '../pages/storage/StoragePage.tsx';
import { TicketingPage } from '../pages/ticketing/TicketingPage.tsx';
import { HealthBar } from './HealthBar.tsx';
import { Nav } from './Nav.tsx';
import { useLocation, type Page } from './router.tsx';

const content: Record<Page, () => JSX.Element> = {
  jobs: JobsPage,
  storage: StoragePage,
  logs: LogsPage,
  ticketing: TicketingPage,
};

/** The shell: the platform's health on top, the pages on the left, the current page. */
export function App() {
  const { page } = useLocation();
  const Content = content[page];
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">
          EventFlow <span className="brand-sub">console</span>
        </span>
        <HealthBar />
      </header>
      <Nav current={page} />
      <main className="content" data-page={page}>
        <Content />
      </main>
    </div>
  );
}
