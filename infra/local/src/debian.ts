import { commandExists, run } from './process.ts';

let updated = false;

/** Packages a server needs from Debian: installed with apt-get when we are root, else named clearly. */
export async function ensureDebianPackages(packages: readonly string[], log: (message: string) => void): Promise<void> {
  const missing: string[] = [];
  for (const name of packages) {
    if (!(await isInstalled(name))) missing.push(name);
  }
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    throw new Error(
      `missing Debian package(s): ${missing.join(', ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    log('apt-get update');
    await run('apt-get', ['update', '-q'], { env });
    updated = true;
  }
  log(`apt-get install ${missing.join(' ')}`);
  await run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
}

async function isInstalled(name: string): Promise<boolean> {
  try {
    const status = await run('dpkg-query', ['-W', '-f=${Status}', name]);
    return status.includes('install ok installed');
  } catch {
    return false;
  }
}

/** Commands a server needs, each with the Debian package that provides it. */
export async function ensureCommands(
  needs: ReadonlyArray<{ command: string; debianPackage: string }>,
  log: (message: string) => void,
): Promise<void> {
  const missing: string[] = [];
  for (const need of needs) {
    if (!(await commandExists(need.command))) missing.push(need.debianPackage);
  }
  await ensureDebianPackages(missing, log);
}
