// `npm test`: static checks, then every test (unit and real-server) after provisioning the local
// Kafka, PostgreSQL, Redis, FerretDB and Mailpit that are not already running; stops what it started.
//
//   npm test                      everything
//   npm test -- path/to/x.test.ts only these test files (still provisions what they may need)
import { spawn } from 'node:child_process';
import { globSync } from 'node:fs';
import { join, relative } from 'node:path';
import { connectionSettings, down, ensureDebianPackages, up, type ServerName } from '@eventflow/infra-local';

const root = join(import.meta.dirname, '..');
const testGlobs = [
  'packages/*/src/**/*.test.ts',
  'services/**/src/**/*.test.ts',
  'infra/**/*.test.ts',
  'tools/**/*.test.ts',
  'bench/**/*.test.ts',
  'console/**/*.test.ts',
  'examples/**/*.test.ts',
];

function step(title: string): () => void {
  const began = Date.now();
  process.stderr.write(`\n▶ ${title}\n`);
  return () => process.stderr.write(`✔ ${title} (${((Date.now() - began) / 1000).toFixed(1)} s)\n`);
}

function exec(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    child.once('error', reject);
    child.once('close', (code) => resolve(code ?? 1));
  });
}

async function check(title: string, command: string, args: readonly string[]): Promise<void> {
  const done = step(title);
  const code = await exec(command, args);
  if (code !== 0) throw new Error(`${title} failed (exit ${code})`);
  done();
}

function testFiles(filters: readonly string[]): string[] {
  if (filters.length > 0) return [...filters];
  return testGlobs
    .flatMap((pattern) =>
      globSync(pattern, { cwd: root, exclude: (name) => name === 'node_modules' || name === 'dist' }),
    )
    .map((file) => relative(root, join(root, file)))
    .sort();
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  if (filters.length === 0) {
    await check('typecheck (tsc)', 'tsc', ['-p', 'tsconfig.json']);
    await check('lint (eslint, type-aware)', 'eslint', ['--max-warnings=0', '.']);
    await check('import cycles', process.execPath, ['tools/check-cycles.ts']);
    await check('format (prettier --check)', 'prettier', ['--check', '--log-level=warn', '.']);
  }

  const started: ServerName[] = [];
  const infraDone = step('infrastructure: Kafka, PostgreSQL, Redis, FerretDB, Mailpit (infra/local)');
  try {
    await up({ onStarted: (name) => started.push(name) });
    // The console's end-to-end test drives Debian's chromium (no browser download).
    await ensureDebianPackages(['chromium'], (message) => process.stderr.write(`${message}\n`));
    infraDone();

    const files = testFiles(filters);
    const testsDone = step(`tests: ${files.length} files, unit and real-server`);
    const settings = connectionSettings();
    const env = {
      ...process.env,
      KAFKA_BROKERS: settings.kafkaBrokers.join(','),
      DATABASE_URL: settings.databaseUrl,
      REDIS_URL: settings.redisUrl,
      MONGODB_URL: settings.mongodbUrl,
      SMTP_URL: settings.smtpUrl,
      MAILPIT_URL: settings.mailpitUrl,
    };
    const code = await exec(
      process.execPath,
      ['--test', '--test-reporter=spec', '--test-timeout=300000', ...files],
      env,
    );
    if (code === 0) testsDone();
    return code;
  } finally {
    if (started.length > 0) {
      const stopDone = step(`stopping what this run started: ${[...new Set(started)].join(', ')}`);
      await down({ only: [...new Set(started)] });
      stopDone();
    }
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`\nnpm test: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
