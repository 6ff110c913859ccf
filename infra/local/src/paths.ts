import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where the local servers keep their files: data (ignored by git) and caches of downloads and builds. */
export interface InfraPaths {
  /** The repository root. */
  readonly root: string;
  /** Server data, pid files and logs: `<root>/.data/infra` unless EVENTFLOW_DATA says otherwise. */
  readonly data: string;
  /** Downloads and builds, shared by every clone on the machine: `~/.cache/eventflow` by default. */
  readonly cache: string;
}

export function infraPaths(env: NodeJS.ProcessEnv = process.env): InfraPaths {
  const root = resolve(import.meta.dirname, '../../..');
  const cacheHome = env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache');
  return {
    root,
    data: resolve(env['EVENTFLOW_DATA'] ?? join(root, '.data'), 'infra'),
    cache: resolve(env['EVENTFLOW_CACHE'] ?? join(cacheHome, 'eventflow')),
  };
}
