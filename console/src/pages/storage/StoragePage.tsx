import { storageApi } from '../../api/storage.ts';
import { setQuery, useLocation } from '../../app/router.tsx';
import { usePolling } from '../../hooks/usePolling.ts';
import { Notice } from '../../ui/Notice.tsx';
import { DateList } from './DateList.tsx';
import { FileDetails } from './FileDetails.tsx';
import { FileTable } from './FileTable.tsx';

/** Stored PDFs: the dates that have files, a date's files, one file's metadata and download. */
export function StoragePage() {
  const { query } = useLocation();
  const dates = usePolling(() => storageApi.dates(), 5000, []);
  const date = query.get('date') ?? dates.data?.[0]?.date;
  const file = query.get('file') ?? undefined;

  return (
    <div className="page storage-page">
      <h1>Storage</h1>
      <Notice>{dates.error}</Notice>
      <div className="columns">
        <DateList dates={dates.data} selected={date} onSelect={(d) => setQuery({ date: d, file: undefined })} />
        {date === undefined ? (
          <p className="empty">No files stored yet: enqueue a report on the Jobs page.</p>
        ) : (
          <FileTable key={date} date={date} selected={file} onSelect={(id) => setQuery({ date, file: id })} />
        )}
        {file === undefined ? null : <FileDetails key={file} correlationId={file} />}
      </div>
    </div>
  );
}
