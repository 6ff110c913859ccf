import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';

/** The checks that hold an API to its OpenAPI document (schemathesis 4.x names). */
export const contractChecks = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'response_headers_conformance',
] as const;

export interface SchemathesisRun {
  /** The OpenAPI document's URL, e.g. `http://127.0.0.1:3000/docs/json` (the service kit serves it). */
  readonly schemaUrl: string;
  /** @default contractChecks */
  readonly checks?: readonly string[];
  /** Test cases per operation. @default 25 */
  readonly maxExamples?: number;
  /** Hypothesis seed, for runs that repeat. @default 42 */
  readonly seed?: number;
  /** Operations whose path matches are skipped (a stream that never ends, /metrics text). */
  readonly excludePathRegex?: string;
  /** Only operations whose path matches are tested. */
  readonly includePathRegex?: string;
  /** Each request's timeout in seconds; slower is a "Network Error" and the run fails. @default 10 */
  readonly requestTimeoutSeconds?: number;
  /** `positive` sends only valid inputs; `all` also invalid ones (routes must document their 400). @default 'all' */
  readonly mode?: 'positive' | 'negative' | 'all';
  /** Concurrent workers; 1 keeps a seeded run reproducible. @default 1 */
  readonly workers?: number;
}

/** The `schemathesis run` arguments for one run; the JUnit report goes to `junitPath`. */
export function schemathesisArgs(spec: SchemathesisRun, junitPath: string): string[] {
  return [
    'run',
    spec.schemaUrl,
    '--checks',
    (spec.checks ?? contractChecks).join(','),
    '--max-examples',
    String(spec.maxExamples ?? 25),
    '--seed',
    String(spec.seed ?? 42),
    '--mode',
    spec.mode ?? 'all',
    '--workers',
    String(spec.workers ?? 1),
    '--request-timeout',
    String(spec.requestTimeoutSeconds ?? 10),
    '--generation-database',
    'none',
    '--report',
    'junit',
    '--report-junit-path',
    junitPath,
    '--no-color',
    ...(spec.excludePathRegex === undefined ? [] : ['--exclude-path-regex', spec.excludePathRegex]),
    ...(spec.includePathRegex === undefined ? [] : ['--include-path-regex', spec.includePathRegex]),
  ];
}

export interface SchemathesisResult {
  /** 0 all passed; 1 failures or errored operations; 2 the run could not do its job (schema, config). */
  readonly exitCode: number;
  /** What schemathesis printed (failures, each with a `curl` to reproduce, and a summary). */
  readonly output: string;
  /** The JUnit XML report: one `<testcase name="GET /path">` per operation. */
  readonly junit: string;
}

/**
 * Runs `schemathesis run` in `workDir`, a fresh folder per run: schemathesis keeps a crash cache
 * (`.schemathesis/`, replayed by the next run) and `.hypothesis/` in its working folder. Killed
 * after `timeoutMs` (default 10 minutes).
 */
export async function runSchemathesis(
  executable: string,
  spec: SchemathesisRun,
  options: { readonly workDir: string; readonly timeoutMs?: number },
): Promise<SchemathesisResult> {
  mkdirSync(options.workDir, { recursive: true });
  const junitPath = join(options.workDir, 'junit.xml');
  const child = spawn(executable, schemathesisArgs(spec, junitPath), {
    cwd: options.workDir,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: options.timeoutMs ?? 600_000,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(code ?? 128 + (signal === null ? 0 : constants.signals[signal])));
  });
  const junit = existsSync(junitPath) ? readFileSync(junitPath, 'utf8') : '';
  return { exitCode, output, junit };
}
