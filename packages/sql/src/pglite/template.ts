// A new PGlite runs initdb, which costs 1-3 s of CPU; loading a data folder someone already
// initialised costs ~0.25 s. So the first new PGlite of a machine initialises one, dumps it as a
// template into the machine's cache (one file per PGlite version, written atomically), and every new
// PGlite after it — each service of `npm start`, each test's in-memory database — starts from it.
// A template that cannot be read or written is not an error: PGlite initialises as before.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** The installed PGlite's version (its package.json is not exported: found by walking up from its entry). */
function installedVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  for (let dir = dirname(entry); dirname(dir) !== dir; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (parsed.name === '@electric-sql/pglite' && parsed.version !== undefined) return parsed.version;
  }
  return 'unknown';
}

const pgliteVersion = installedVersion();

/** `$EVENTFLOW_CACHE`, else `$XDG_CACHE_HOME/eventflow`, else `~/.cache/eventflow` (as infra/local). */
function cacheDir(env: NodeJS.ProcessEnv): string {
  return env['EVENTFLOW_CACHE'] ?? join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'eventflow');
}

let template: Promise<Blob | undefined> | undefined;

/** The initialised data folder new PGlites start from (made once per machine, read once per process). */
export function pgliteTemplate(env: NodeJS.ProcessEnv = process.env): Promise<Blob | undefined> {
  return (template ??= loadOrMake(join(cacheDir(env), `pglite-${pgliteVersion}-template.tar`)));
}

async function loadOrMake(file: string): Promise<Blob | undefined> {
  try {
    return new Blob([await readFile(file)]);
  } catch {
    // Not made yet on this machine (or unreadable): make it.
  }
  try {
    const fresh = await PGlite.create({});
    const dump = await fresh.dumpDataDir('none');
    await fresh.close();
    const partial = `${file}.${randomUUID()}.partial`;
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file).catch(async () => rm(partial, { force: true }));
    return dump;
  } catch {
    return undefined;
  }
}
