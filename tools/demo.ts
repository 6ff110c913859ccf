// `npm run demo -- <name>`: a system of the platform shown end to end, with live progress on
// stderr, a summary on stdout and the files it produced left in an output folder.
//
//   npm run demo -- documents                   embedded platform (no servers needed)
//   npm run demo -- documents --distributed     every service its own process on Kafka and PostgreSQL
//   npm run demo -- documents --url http://127.0.0.1:8080   a platform already running
//   npm run demo -- documents --out DIR         (default demo-output/documents-<UTC time>/)
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { documentsDemo, stamp } from './demo/documents.ts';
import { openPlatform, type DemoPlatform, type PlatformChoice } from './demo/platform.ts';
import { Progress } from './demo/progress.ts';

const demos = {
  documents: {
    about: 'spec 000: 3 report jobs → PDF server → storage server, downloads, CSV/XLSX execution log',
    run: documentsDemo,
  },
} as const;
type DemoName = keyof typeof demos;

const usage = `usage: npm run demo -- <demo> [--distributed | --url URL] [--out DIR]
demos:
${Object.entries(demos)
  .map(([name, demo]) => `  ${name.padEnd(12)} ${demo.about}`)
  .join('\n')}
options:
  --distributed  start the platform as one process per service on the real servers (npm run infra:up first)
  --url URL      use a platform already running at URL (its gateway)
  --out DIR      where the files go (default demo-output/<demo>-<UTC time>/)`;

function fail(message: string, code = 2): never {
  process.stderr.write(`demo: ${message}\n${code === 2 ? `${usage}\n` : ''}`);
  process.exit(code);
}

const { positionals, values } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        distributed: { type: 'boolean', default: false },
        url: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
if (values.help === true) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const name = positionals[0] ?? fail('name a demo');
if (!Object.hasOwn(demos, name)) fail(`unknown demo "${name}"; available: ${Object.keys(demos).join(', ')}`);
if (positionals.length > 1) fail(`one demo at a time, not ${positionals.join(' ')}`);
if (values.distributed && values.url !== undefined) fail('--distributed starts a platform; --url uses one: not both');
const demo = demos[name as DemoName];

const choice: PlatformChoice =
  values.url !== undefined ? { url: values.url } : { mode: values.distributed ? 'distributed' : 'embedded' };
const outDir = resolve(values.out ?? `demo-output/${name}-${stamp(new Date())}`);
const progress = new Progress();

let platform: DemoPlatform | undefined;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    progress.say(`${signal}: stopping…`);
    void (platform?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

try {
  await mkdir(outDir, { recursive: true });
  progress.say(`demo ${name}: output in ${outDir}`);
  platform = await openPlatform(choice, (line) => progress.say(line));
  progress.say(`platform: ${platform.description}`);
  const summary = await demo.run({ url: platform.url, outDir, progress });
  await platform.stop();
  process.stdout.write(summary);
  progress.say(`demo ${name}: done`);
} catch (error) {
  if (!interrupted) {
    const message = error instanceof Error ? error.message : String(error);
    await platform?.stop();
    process.stderr.write(`demo ${name} failed: ${message}\n(files so far in ${outDir})\n`);
    process.exitCode = 1;
  }
}
