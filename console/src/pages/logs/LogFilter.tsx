import { useState, type FormEvent } from 'react';

/** The filters of the Logs page: correlation id (applied on Enter), topic, and whether to show plain reads. */
export function LogFilter(props: {
  readonly correlationId: string;
  readonly topic: string;
  readonly topics: readonly string[];
  readonly showReads: boolean;
  readonly onChange: (changes: Record<string, string | undefined>) => void;
}) {
  const [draft, setDraft] = useState(props.correlationId);
  const [shown, setShown] = useState(props.correlationId);
  if (shown !== props.correlationId) {
    // The URL changed (a link, Back): show its filter.
    setShown(props.correlationId);
    setDraft(props.correlationId);
  }
  const apply = (event: FormEvent) => {
    event.preventDefault();
    props.onChange({ correlationId: draft.trim() || undefined });
  };

  return (
    <form className="filters" onSubmit={apply} role="search">
      <label>
        Correlation id
        <input
          name="correlationId"
          value={draft}
          placeholder="any"
          size={40}
          onChange={(event) => setDraft(event.target.value)}
        />
      </label>
      <button type="submit">Filter</button>
      {props.correlationId === '' ? null : (
        <button type="button" onClick={() => props.onChange({ correlationId: undefined })}>
          Clear
        </button>
      )}
      <label>
        Topic
        <select
          name="topic"
          value={props.topic}
          onChange={(event) => props.onChange({ topic: event.target.value || undefined })}
        >
          <option value="">all logs-* topics</option>
          {props.topics.map((topic) => (
            <option key={topic} value={topic}>
              {topic}
            </option>
          ))}
        </select>
      </label>
      <label className="check" title="GET requests that are no operation of their own, such as this console's polling">
        <input
          type="checkbox"
          name="reads"
          checked={props.showReads}
          onChange={(event) => props.onChange({ reads: event.target.checked ? 'shown' : undefined })}
        />
        show API reads
      </label>
    </form>
  );
}
