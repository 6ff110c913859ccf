import { randomUUID } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRunning, startTimeOf } from './process-status.ts';

/** Another live process holds the directory. */
export class DirectoryLockedError extends Error {
  readonly code = 'EMBEDDED.LOCKED';
  readonly pid: number;

  constructor(dir: string, pid: number) {
    super(`${dir} is in use by process ${pid}: one process at a time may open an embedded bus directory`);
    this.name = 'DirectoryLockedError';
    this.pid = pid;
  }
}

export interface DirectoryLock {
  release(): Promise<void>;
}

interface Holder {
  readonly pid: number;
  readonly started?: string;
}

/**
 * Takes `<dir>/LOCK`, a file naming this process. The file appears whole (written aside, then
 * hard-linked into place, which fails if it exists). A lock whose process is dead — killed, say —
 * is taken over; one held by a live process is refused with DirectoryLockedError.
 */
export async function lockDirectory(dir: string): Promise<DirectoryLock> {
  const path = join(dir, 'LOCK');
  const started = await startTimeOf(process.pid);
  const content = JSON.stringify({ pid: process.pid, ...(started === undefined ? {} : { started }) });
  for (let attempt = 0; attempt < 10; attempt++) {
    if (await createExclusive(path, content)) return { release: () => release(path, content) };
    const seen = await readIfExists(path);
    if (seen === undefined) continue;
    const holder = parseHolder(seen);
    if (holder !== undefined && (await isAlive(holder))) throw new DirectoryLockedError(dir, holder.pid);
    await removeStale(path, seen);
  }
  throw new Error(`could not take ${path}: other processes keep taking it`);
}

async function createExclusive(path: string, content: string): Promise<boolean> {
  const aside = `${path}.${process.pid}.${randomUUID()}`;
  await writeFile(aside, content);
  try {
    await link(aside, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(aside);
  }
}

async function isAlive(holder: Holder): Promise<boolean> {
  // Our own pid: another engine of this process (a second copy of this module) has the directory.
  if (holder.pid === process.pid) return true;
  if (!(await isRunning(holder.pid))) return false;
  if (holder.started === undefined) return true;
  const started = await startTimeOf(holder.pid);
  return started === undefined || started === holder.started;
}

/** Moves the stale lock aside; if what was moved is not what we judged stale, puts it back. */
async function removeStale(path: string, stale: string): Promise<void> {
  const aside = `${path}.stale.${process.pid}.${randomUUID()}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((await readFile(aside, 'utf8')) !== stale) await link(aside, path).catch(() => undefined);
  await unlink(aside);
}

async function release(path: string, content: string): Promise<void> {
  if ((await readIfExists(path)) === content) await unlink(path);
}

function parseHolder(text: string): Holder | undefined {
  try {
    const holder = JSON.parse(text) as Partial<Holder>;
    return typeof holder.pid === 'number' && Number.isInteger(holder.pid) && holder.pid > 0
      ? { pid: holder.pid, ...(typeof holder.started === 'string' ? { started: holder.started } : {}) }
      : undefined;
  } catch {
    return undefined;
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
