// `npm start`: the platform embedded in one process, no servers needed (see `npm start -- --help`).
import { join } from 'node:path';
import { ensureConsoleBuilt } from '@eventflow/console';
import { runEmbeddedPlatform, selectSystems } from '@eventflow/host';
import { banner, exitWithReason, parseArgsOrExit, usage } from './start/options.ts';
import { platform } from './platform.ts';

// stdout carries the log lines only (JSON when piped); what a person reads goes to stderr.
const root = join(import.meta.dirname, '..');
const say = (text: string) => process.stderr.write(text);
const { values } = parseArgsOrExit('npm start', 'embedded');
if (values.help === true) {
  process.stdout.write(usage('npm start', 'embedded', platform));
  process.exit(0);
}
const systems = values.systems?.split(',').filter((s) => s !== '');

const began = performance.now();
const running = await (async () => {
  selectSystems(platform, systems); // an unknown system fails here, before anything starts
  const consoleDir = process.env['CONSOLE_DIR'] ?? (await ensureConsoleBuilt({ progress: say }));
  return runEmbeddedPlatform(platform, {
    env: { ...process.env, CONSOLE_DIR: consoleDir },
    root,
    ...(systems === undefined ? {} : { systems }),
    isTTY: process.stdout.isTTY,
    process, // Ctrl-C (SIGINT) or SIGTERM closes everything in order, then exits
  });
})().catch((error: unknown) => exitWithReason('npm start', error));
say(banner('embedded', running.url, running.registry.entries, running.dataDir, performance.now() - began));
