// `npm start`: the platform embedded in one process, no servers needed (see `npm start -- --help`).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureConsoleBuilt } from '@eventflow/console';
import { runEmbeddedPlatform, selectSystems } from '@eventflow/host';
import { banner, startOptions, usage } from './start/options.ts';
import { platform } from './platform.ts';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: startOptions, allowPositionals: false });
if (values.help === true) {
  process.stdout.write(usage('npm start', 'embedded', platform));
  process.exit(0);
}
const systems = values.systems?.split(',').filter((s) => s !== '');
selectSystems(platform, systems); // an unknown system fails here, before anything starts

const began = performance.now();
const running = await runEmbeddedPlatform(platform, {
  env: { ...process.env, CONSOLE_DIR: process.env['CONSOLE_DIR'] ?? (await ensureConsoleBuilt()) },
  root,
  ...(systems === undefined ? {} : { systems }),
  isTTY: process.stdout.isTTY,
  process, // Ctrl-C (SIGINT) or SIGTERM closes everything in order, then exits
});
process.stdout.write(
  banner('embedded', running.url, running.registry.entries, running.dataDir, performance.now() - began),
);
