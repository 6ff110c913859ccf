import { readFile } from 'node:fs/promises';

/** Whether process `pid` is running; a zombie (dead, not yet reaped) is not. */
export async function isRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return (await procStat(pid))?.state !== 'Z';
}

/**
 * When process `pid` started, as the kernel counts it (Linux only; undefined elsewhere): with the
 * pid it names one process, so a lock whose pid was reused by another program is seen as stale.
 */
export async function startTimeOf(pid: number): Promise<string | undefined> {
  return (await procStat(pid))?.started;
}

async function procStat(pid: number): Promise<{ state: string; started: string } | undefined> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const started = fields[19]; // field 22 of stat(5), counted from field 3
  return state === undefined || started === undefined ? undefined : { state, started };
}
