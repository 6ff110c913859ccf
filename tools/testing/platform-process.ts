import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from '@eventflow/bus/testing';

/** Starts a platform script, returns its front URL once it says it is up, and stops it after the test. */
export async function startPlatform(
  t: { after: (fn: () => Promise<void>) => void },
  script: string,
  env: Record<string, string>,
): Promise<{ url: string; output: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', script)], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  t.after(async () => {
    await stop();
  });
  await eventually(
    () => /is up: (http:\/\/\S+)/.test(output) || child.exitCode !== null,
    'the platform to start',
    120_000,
  );
  const url = /is up: (http:\/\/\S+)/.exec(output)?.[1];
  assert.ok(url !== undefined, `the platform did not start:\n${output}`);
  return { url, output: () => output, stop };
}
