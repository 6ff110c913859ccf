import type { ReactNode } from 'react';

/** A titled section of a page, with optional controls on the right of its title. */
export function Panel(props: {
  readonly title: ReactNode;
  readonly actions?: ReactNode;
  readonly className?: string;
  readonly children: ReactNode;
}) {
  return (
    <section className={`panel ${props.className ?? ''}`}>
      <header className="panel-header">
        <h2>{props.title}</h2>
        {props.actions}
      </header>
      {props.children}
    </section>
  );
}
