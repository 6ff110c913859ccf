import type { DateCount } from '../../api/storage.ts';
import { Panel } from '../../ui/Panel.tsx';

/** Every date with files, newest first; files live under `<root>/YYYY-MM-DD/` (UTC). */
export function DateList(props: {
  readonly dates: readonly DateCount[] | undefined;
  readonly selected: string | undefined;
  readonly onSelect: (date: string) => void;
}) {
  return (
    <Panel title="Dates (UTC)" className="dates">
      {props.dates?.length === 0 ? <p className="empty">None yet.</p> : null}
      <ul className="date-list">
        {props.dates?.map(({ date, count }) => (
          <li key={date}>
            <button
              type="button"
              className={date === props.selected ? 'date selected' : 'date'}
              onClick={() => props.onSelect(date)}
              data-date={date}
            >
              <span>{date}</span>
              <span className="muted">{count}</span>
            </button>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
