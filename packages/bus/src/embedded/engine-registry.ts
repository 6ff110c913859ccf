import { mkdir, realpath } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncDirectory } from './atomic-file.ts';
import { Engine } from './engine.ts';

/** A share of an engine; the last share released closes it. */
export interface EngineLease {
  readonly engine: Engine;
  /** Idempotent. */
  release(): Promise<void>;
}

interface Entry {
  readonly opening: Promise<Engine>;
  shares: number;
}

const open = new Map<string, Entry>();
const closing = new Map<string, Promise<void>>();

/**
 * One engine per directory per process: every bus this process opens on a directory shares it, so
 * they see the same topics and their subscriptions share the groups' partitions. Another process
 * is kept out by the directory's lock.
 */
export async function leaseEngine(dir: string): Promise<EngineLease> {
  await makeDurableDirectory(dir);
  const key = await realpath(dir);
  for (;;) {
    const entry = open.get(key);
    if (entry !== undefined) return share(key, entry);
    const closed = closing.get(key);
    if (closed !== undefined) {
      await closed.catch(() => undefined);
      continue;
    }
    const fresh: Entry = { opening: Engine.open(key), shares: 0 };
    open.set(key, fresh);
    void fresh.opening.catch(() => open.get(key) === fresh && open.delete(key));
  }
}

async function share(key: string, entry: Entry): Promise<EngineLease> {
  entry.shares++;
  let engine: Engine;
  try {
    engine = await entry.opening;
  } catch (error) {
    entry.shares--;
    throw error;
  }
  let released: Promise<void> | undefined;
  return {
    engine,
    release: () => (released ??= unshare(key, entry, engine)),
  };
}

function unshare(key: string, entry: Entry, engine: Engine): Promise<void> {
  if (--entry.shares > 0) return Promise.resolve();
  open.delete(key);
  const closed = engine.close().finally(() => closing.get(key) === closed && closing.delete(key));
  closing.set(key, closed);
  return closed;
}

/** Creates `dir` if need be, and makes the entries of every folder it created durable in their parents. */
async function makeDurableDirectory(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true });
  if (created === undefined) return;
  for (let folder = dir; folder !== dirname(created); folder = dirname(folder)) await syncDirectory(dirname(folder));
}
