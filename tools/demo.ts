// `npm run demo -- <name>`: a system of the platform shown end to end, with live progress on
// stderr, a summary on stdout and the files it produced left in an output folder.
//
//   npm run demo -- documents                   embedded platform (no servers needed)
//   npm run demo -- documents --distributed     every service its own process on Kafka and PostgreSQL
//   npm run demo -- documents --url http://127.0.0.1:8080   a platform already running
//   npm run demo -- documents --out DIR         (default demo-output/documents-<UTC time>/)
//   npm run demo -- ticketing [--buyers 500] [--seats 50] [--declined 0.2] [--concurrency N]
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { connectionSettings } from '@eventflow/infra-local';
import { documentsDemo, stamp } from './demo/documents.ts';
import { openPlatform, type DemoPlatform, type OpenOptions, type PlatformChoice } from './demo/platform.ts';
import { Progress } from './demo/progress.ts';
import { ticketingDemo } from './demo/ticketing.ts';

interface DemoContext {
  readonly url: string;
  readonly outDir: string;
  readonly progress: Progress;
  /** The demo's own options, checked (`--buyers`…). */
  readonly options: Readonly<Record<string, number>>;
  /** Something to undo if the demo is stopped early (Ctrl-C). */
  readonly atExit: (cleanup: () => Promise<void>) => void;
}

interface Demo {
  readonly about: string;
  readonly run: (context: DemoContext) => Promise<string>;
  /** What to start when the demo starts the platform (default: everything). */
  readonly platform?: (mode: 'embedded' | 'distributed') => OpenOptions;
  /** Its own options: name → [help, check]. */
  readonly options?: Readonly<Record<string, readonly [string, (value: number) => boolean]>>;
}

const positiveInteger = (n: number) => Number.isInteger(n) && n >= 1 && n <= 1_000_000;

/** A MongoDB URL naming another database. */
function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

const demos: Readonly<Record<string, Demo>> = {
  documents: {
    about: 'spec 000: 3 report jobs → PDF server → storage server, downloads, CSV/XLSX execution log',
    run: documentsDemo,
  },
  ticketing: {
    about: 'issue 10: a crowd of buyers against fewer seats, some payments declined; the books audited',
    run: ({ url, outDir, progress, options, atExit }) =>
      ticketingDemo({
        url,
        outDir,
        progress,
        atExit,
        ...(options['buyers'] === undefined ? {} : { buyers: options['buyers'] }),
        ...(options['seats'] === undefined ? {} : { seats: options['seats'] }),
        ...(options['declined'] === undefined ? {} : { declineRate: options['declined'] }),
        ...(options['concurrency'] === undefined ? {} : { concurrency: options['concurrency'] }),
      }),
    platform: (mode) => ({
      systems: ['ticketing'],
      console: false, // the platform lives as long as the demo: nobody opens its console
      // Distributed: schemas, a MongoDB database and a consumer group of the demo's own, so that a
      // platform of yours on the same servers keeps its data apart (they are kept between demo runs).
      env:
        mode === 'embedded'
          ? {}
          : {
              INVENTORY_SCHEMA: 'demo_ticketing_inventory',
              RESERVATIONS_SCHEMA: 'demo_ticketing_reservations',
              PAYMENTS_SCHEMA: 'demo_ticketing_payments',
              PAYMENT_PROVIDER_SCHEMA: 'demo_ticketing_provider',
              EVENTS_PROJECTION_GROUP: 'events-disponibles-demo',
              MONGODB_URL: withDatabase(connectionSettings().mongodbUrl, 'demo_ticketing'),
            },
    }),
    options: {
      buyers: ['buyers in the crowd, one ticket each (500)', positiveInteger],
      seats: ['seats of the event (50)', positiveInteger],
      declined: ['share of payments the simulator declines, 0..1 (0.2)', (n) => n >= 0 && n <= 1],
      concurrency: ['requests in flight at once (all the buyers)', positiveInteger],
    },
  },
};

const usage = `usage: npm run demo -- <demo> [--distributed | --url URL] [--out DIR] [its options]
demos:
${Object.entries(demos)
  .map(([name, demo]) => `  ${name.padEnd(12)} ${demo.about}`)
  .join('\n')}
options:
  --distributed  start the platform as one process per service on the real servers (npm run infra:up first)
  --url URL      use a platform already running at URL (its gateway)
  --out DIR      where the files go (default demo-output/<demo>-<UTC time>/)
${Object.entries(demos)
  .flatMap(([name, demo]) =>
    Object.entries(demo.options ?? {}).map(([option, [help]]) => `  --${option.padEnd(12)} ${name}: ${help}`),
  )
  .join('\n')}`;

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
        ...Object.fromEntries(
          Object.values(demos).flatMap((demo) =>
            Object.keys(demo.options ?? {}).map((option) => [option, { type: 'string' } as const]),
          ),
        ),
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
const demo = demos[name] ?? fail(`unknown demo "${name}"`);
const demoOptions: Record<string, number> = {};
for (const [option, value] of Object.entries(values as Record<string, unknown>)) {
  if (['distributed', 'url', 'out', 'help'].includes(option) || typeof value !== 'string') continue;
  const check = demo.options?.[option];
  if (check === undefined) fail(`--${option} is not an option of the ${name} demo`);
  const number = Number(value);
  if (value.trim() === '' || !check[1](number)) fail(`--${option} ${value}: ${check[0]}`);
  demoOptions[option] = number;
}

const choice: PlatformChoice =
  values.url !== undefined ? { url: values.url } : { mode: values.distributed ? 'distributed' : 'embedded' };
const outDir = resolve(values.out ?? `demo-output/${name}-${stamp(new Date())}`);
const progress = new Progress();

let platform: DemoPlatform | undefined;
let interrupted = false;
const cleanups: Array<() => Promise<void>> = [];
const cleanUp = async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((error: unknown) => progress.say(`clean-up failed: ${String(error)}`));
  }
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    progress.say(`${signal}: stopping…`);
    void cleanUp()
      .then(() => platform?.stop())
      .finally(() => process.exit(130));
  });
}

try {
  await mkdir(outDir, { recursive: true });
  progress.say(`demo ${name}: output in ${outDir}`);
  platform = await openPlatform(
    choice,
    (line) => progress.say(line),
    'mode' in choice ? demo.platform?.(choice.mode) : undefined,
  );
  progress.say(`platform: ${platform.description}`);
  const summary = await demo.run({
    url: platform.url,
    outDir,
    progress,
    options: demoOptions,
    atExit: (cleanup) => cleanups.push(cleanup),
  });
  cleanups.length = 0;
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
