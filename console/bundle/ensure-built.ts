import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { consoleDist, consoleRoot } from './paths.ts';

/** What the bundle is made from: a change to any of these makes it stale. */
const sources = ['index.html', 'package.json', 'src', 'bundle/config.ts'];

export interface EnsureBuiltOptions {
  /** Where the one-line progress message goes (default stdout). */
  readonly progress?: (text: string) => void;
}

/**
 * The folder of the built console, built first with Vite when it is missing or older than its
 * sources (about a second). `npm start` calls it before the gateway serves the folder.
 */
export async function ensureConsoleBuilt(options: EnsureBuiltOptions = {}): Promise<string> {
  const builtAt = await modifiedAt(join(consoleDist, 'index.html'));
  if (builtAt !== undefined && builtAt >= (await newestSource())) return consoleDist;
  const progress = options.progress ?? ((text: string) => process.stdout.write(text));
  progress(`console: ${builtAt === undefined ? 'building' : 'sources changed, rebuilding'} ${consoleDist} … `);
  const began = performance.now();
  await buildConsole();
  progress(`done in ${((performance.now() - began) / 1000).toFixed(1)} s\n`);
  return consoleDist;
}

/**
 * Builds into a folder of its own, then swaps it in: a gateway serving the old bundle never sees a
 * half-written one, and two builds at once do not write into each other.
 */
export async function buildConsole(): Promise<string> {
  // Loaded only to build: a start with an up-to-date bundle does not pay for Vite.
  const [{ build }, { consoleViteConfig }] = await Promise.all([import('vite'), import('./config.ts')]);
  // Under node_modules, which every tool ignores, should a build be cut short.
  const staging = join(consoleRoot, 'node_modules', '.cache', `build-${process.pid}`);
  try {
    await build(consoleViteConfig({ outDir: staging }));
    await rm(consoleDist, { recursive: true, force: true });
    await rename(staging, consoleDist).catch((error: unknown) => {
      // Another process swapped its build in between: the same sources, built.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return consoleDist;
}

async function newestSource(): Promise<number> {
  const times = await Promise.all(sources.map((source) => newestIn(join(consoleRoot, source))));
  return Math.max(...times);
}

async function newestIn(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const times = await Promise.all(files.map(async (file) => (await stat(file)).mtimeMs));
  // A deleted file changes the folder's own time.
  return Math.max(info.mtimeMs, ...times);
}

async function modifiedAt(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}
