/** 1.2 MB, 834 kB, 512 B. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** 14:03:27 today, or 2025-09-10 14:03 another day (local time). */
export function formatTime(iso: string, now = new Date()): string {
  const at = new Date(iso);
  const time = at.toLocaleTimeString([], { hour12: false });
  if (at.toDateString() === now.toDateString()) return time;
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  return `${date} ${time.slice(0, 5)}`;
}

/** 14:03:27.415, local time, for records close together. */
export function formatClock(iso: string): string {
  const at = new Date(iso);
  return `${at.toLocaleTimeString([], { hour12: false })}.${String(at.getMilliseconds()).padStart(3, '0')}`;
}

/** "in 2 min", "3 s ago". */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const size = Math.abs(seconds);
  const amount =
    size < 90 ? `${size} s` : size < 5400 ? `${Math.round(size / 60)} min` : `${Math.round(size / 3600)} h`;
  return seconds >= 0 ? `in ${amount}` : `${amount} ago`;
}

/** The first 8 characters of a UUID, enough to tell jobs apart on a screen. */
export const shortId = (id: string): string => id.slice(0, 8);

const pad = (n: number) => String(n).padStart(2, '0');
