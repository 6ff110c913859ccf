import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FilesPort } from '../descriptor.ts';

/** The service's folder, created if missing. */
export async function openFiles(dir: string): Promise<FilesPort> {
  await mkdir(dir, { recursive: true });
  return { dir };
}

/**
 * A real write and removal in `dir`. Each probe writes a file of its own, so concurrent probes never
 * remove each other's file (a shared name made readiness flap under concurrent checks).
 */
export async function probeWritable(dir: string): Promise<string> {
  const probe = join(dir, `.health-${process.pid}-${randomUUID()}`);
  try {
    await writeFile(probe, 'ok');
  } finally {
    await rm(probe, { force: true });
  }
  return `writable: ${dir}`;
}
