// Kill a real process between two steps (SIGKILL inside step two, after its effect), start another,
// and check the saga completes with each step's effect applied once and the log showing the takeover.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { once } from 'node:events';

const child = join(import.meta.dirname, 'crash-child.ts');

function run(env: Record<string, string>): {
  process: ChildProcess;
  output: () => string;
  line: (text: string) => Promise<void>;
} {
  const proc = spawn(process.execPath, [child], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiting: Array<[string, () => void]> = [];
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const [text, resolve] of waiting) if (out.includes(text)) resolve();
  });
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (err = (err + chunk).slice(-4000)));
  return {
    process: proc,
    output: () => out,
    line: (text) =>
      new Promise<void>((resolve, reject) => {
        if (out.includes(text)) return resolve();
        waiting.push([text, resolve]);
        proc.once('exit', (code) => reject(new Error(`child exited (${code}) before "${text}":\n${out}\n${err}`)));
      }),
  };
}

export interface CrashReport {
  readonly status: string;
  readonly effects: Array<{ key: string; step: string }>;
  readonly runs: Array<{ step: string; attempt: number; worker: string }>;
  readonly log: Array<[string | null, string, number | null, string | null, Record<string, unknown> | null]>;
}

export async function crashBetweenSteps(env: Record<string, string>, sagaId: string): Promise<CrashReport> {
  const first = run({ ...env, MODE: 'first', WORKER: 'first', SAGA_ID: sagaId, LEASE_MS: '1000' });
  try {
    await first.line('inside step two');
  } finally {
    first.process.kill('SIGKILL');
  }
  if (first.process.exitCode === null && first.process.signalCode === null) await once(first.process, 'exit');
  assert.equal(first.process.signalCode, 'SIGKILL');
  const second = run({ ...env, MODE: 'second', WORKER: 'second', SAGA_ID: sagaId });
  try {
    await second.line('REPORT ');
    if (second.process.exitCode === null) await once(second.process, 'exit');
  } finally {
    second.process.kill('SIGKILL');
  }
  const line = second
    .output()
    .split('\n')
    .find((text) => text.startsWith('REPORT '));
  return JSON.parse(line!.slice('REPORT '.length)) as CrashReport;
}

/** What both crash tests check of the report. */
export function assertResumed(report: CrashReport, sagaId: string): void {
  assert.equal(report.status, 'COMPLETED');
  // Each effect applied once, keyed by its idempotency key.
  assert.deepEqual(report.effects, [
    { key: `${sagaId}:one`, step: 'one' },
    { key: `${sagaId}:three`, step: 'three' },
    { key: `${sagaId}:two`, step: 'two' },
  ]);
  // Step one ran once; step two ran in the killed process and again in the new one; step three once.
  assert.deepEqual(
    report.runs.map((r) => [r.step, r.attempt, r.worker]),
    [
      ['one', 1, 'first'],
      ['two', 1, 'first'],
      ['two', 2, 'second'],
      ['three', 1, 'second'],
    ],
  );
  const states = report.log.map(([step, state, attempt, worker]) => [step, state, attempt, worker]);
  assert.deepEqual(states, [
    [null, 'STARTED', null, 'first'],
    ['one', 'STEP_STARTED', 1, 'first'],
    ['one', 'STEP_SUCCEEDED', 1, 'first'],
    ['two', 'STEP_STARTED', 1, 'first'],
    ['two', 'RESUMED', null, 'second'],
    ['two', 'STEP_STARTED', 2, 'second'],
    ['two', 'STEP_SUCCEEDED', 2, 'second'],
    ['three', 'STEP_STARTED', 1, 'second'],
    ['three', 'STEP_SUCCEEDED', 1, 'second'],
    [null, 'COMPLETED', null, 'second'],
  ]);
  assert.deepEqual(report.log.find(([, state]) => state === 'RESUMED')?.[4], { previousWorker: 'first' });
}
