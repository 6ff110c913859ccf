import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDebianPackages } from '../debian.ts';
import { infraPaths } from '../paths.ts';
import { isAlive, readPid, run } from '../process.ts';
import { waitFor } from '../wait.ts';

/** The schemathesis release we install from PyPI (the newest 4.x when pinned; needs Python >= 3.11). */
export const schemathesisVersion = '4.32.5';

export interface EnsureSchemathesisOptions {
  /** The cache folder (default `infraPaths().cache`: `${EVENTFLOW_CACHE:-~/.cache/eventflow}`). */
  readonly cache?: string;
  /** Python interpreters to try, first usable wins (default python3.13, python3.12, python3.11, python3). */
  readonly pythons?: readonly string[];
}

/**
 * The path of the `schemathesis` executable, version {@link schemathesisVersion}, installed once with
 * pip into a venv under `<cache>/schemathesis-<version>/`. A marker file written last tells a
 * finished install from a half-finished one (which is wiped and redone); a lock folder keeps
 * concurrent callers (test files run in parallel) from installing over each other. A cached call
 * only checks two files. First install: about 7-10 s from PyPI.
 *
 * What we found running it (4.32.5; `schemathesis run --help`, see schemathesis-run.ts):
 * - checks: `--checks not_a_server_error,status_code_conformance,content_type_conformance,
 *   response_schema_conformance,response_headers_conformance` (all five exist in 4.x);
 * - `--max-examples 25 --seed 42` per operation; `--workers 1` keeps runs reproducible;
 * - `--exclude-path-regex '^/(metrics|api/logs/stream)$'` skips operations (an unmatched filter is
 *   only a warning); `--include-path` and `--exclude-method` exist likewise;
 * - `--request-timeout 5` (seconds): a slower answer is a "Network Error", the run exits 1;
 * - `--report junit --report-junit-path <file>`: one `<testcase name="GET /path">` per operation,
 *   `<failure message="ST101, ST103">` on failures. Exit codes: 0 all passed, 1 failures or
 *   errored operations, 2 the run could not do its job (schema, config), 130 interrupted;
 * - no telemetry exists in 4.x (3.x's Schemathesis.io upload is gone): traced with strace, a run
 *   connects only to the API under test. It writes `.schemathesis/` (crash cache replayed by the
 *   next run) and `.hypothesis/` in its working folder, so run it in a fresh folder each time;
 *   `--generation-database none` keeps Hypothesis from storing examples.
 * - Routes with a body schema answer 400 problem+json on invalid input: with the default
 *   `--mode all` (negative cases too), a route that does not document its 400 fails
 *   status_code_conformance (ST103 "Undocumented status code").
 */
export async function ensureSchemathesis(
  onProgress: (message: string) => void = () => {},
  options: EnsureSchemathesisOptions = {},
): Promise<string> {
  const cache = options.cache ?? infraPaths().cache;
  const home = join(cache, `schemathesis-${schemathesisVersion}`);
  const layout = layoutOf(home);
  if (isInstalled(layout)) return layout.executable;
  mkdirSync(cache, { recursive: true });
  return withLock(`${home}.lock`, onProgress, async () => {
    if (isInstalled(layout)) return layout.executable;
    await install(layout, options.pythons ?? defaultPythons, onProgress);
    return layout.executable;
  });
}

interface Layout {
  readonly home: string;
  readonly venv: string;
  readonly python: string;
  readonly executable: string;
  readonly marker: string;
}

const defaultPythons = ['python3.13', 'python3.12', 'python3.11', 'python3'];

function layoutOf(home: string): Layout {
  const venv = join(home, 'venv');
  return {
    home,
    venv,
    python: join(venv, 'bin', 'python3'),
    executable: join(venv, 'bin', 'schemathesis'),
    marker: join(home, 'installed'),
  };
}

/** Finished (marker written last) and still runnable (the venv's interpreter link resolves). */
function isInstalled(layout: Layout): boolean {
  return existsSync(layout.marker) && existsSync(layout.executable) && existsSync(layout.python);
}

async function install(
  layout: Layout,
  pythons: readonly string[],
  onProgress: (message: string) => void,
): Promise<void> {
  rmSync(layout.home, { recursive: true, force: true });
  mkdirSync(layout.home, { recursive: true });
  const python = await findPython(pythons, onProgress);
  onProgress(`schemathesis: creating a Python venv with ${python} in ${layout.venv}`);
  await run(python, ['-m', 'venv', layout.venv]);
  onProgress(`schemathesis: pip install schemathesis==${schemathesisVersion} from PyPI (once, about 10 s)`);
  const env = { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' };
  await run(layout.python, ['-m', 'pip', 'install', '--quiet', `schemathesis==${schemathesisVersion}`], { env });
  const version = await run(layout.executable, ['--version']);
  if (!version.includes(schemathesisVersion)) {
    throw new Error(`schemathesis: expected version ${schemathesisVersion}, the venv says ${version.trim()}`);
  }
  writeFileSync(layout.marker, `schemathesis ${schemathesisVersion} with ${python}\n`);
  onProgress(`schemathesis: ${version.trim()} ready at ${layout.executable}`);
}

/** The first interpreter >= 3.11 with venv and ensurepip; Debian's python3-venv installed if none. */
async function findPython(candidates: readonly string[], onProgress: (message: string) => void): Promise<string> {
  for (const python of candidates) {
    if (await isUsablePython(python)) return python;
  }
  await ensureDebianPackages(['python3', 'python3-venv'], onProgress);
  if (await isUsablePython('python3')) return 'python3';
  throw new Error(`schemathesis ${schemathesisVersion} needs Python >= 3.11 with venv; tried ${candidates.join(', ')}`);
}

async function isUsablePython(python: string): Promise<boolean> {
  const probe = 'import sys, venv, ensurepip; print(int(sys.version_info >= (3, 11)))';
  try {
    return (await run(python, ['-c', probe])).trim() === '1';
  } catch {
    return false;
  }
}

/** One installer at a time across processes: a folder made atomically, its owner's pid inside. */
async function withLock<T>(lock: string, onProgress: (message: string) => void, action: () => Promise<T>): Promise<T> {
  if (!tryLock(lock)) {
    onProgress(`schemathesis: another caller is installing it (${lock}); waiting`);
    await waitFor(() => Promise.resolve(tryLock(lock)), { what: `the install lock ${lock}`, timeoutMs: 15 * 60_000 });
  }
  try {
    return await action();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function tryLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), `${process.pid}\n`);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (isStale(lock)) rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

/** Its owner died, or it never wrote its pid and the lock is over a minute old. */
function isStale(lock: string): boolean {
  const pid = readPid(join(lock, 'pid'));
  if (pid !== undefined) return !isAlive(pid);
  try {
    return Date.now() - statSync(lock).mtimeMs > 60_000 && !existsSync(join(lock, 'pid'));
  } catch {
    return false;
  }
}
