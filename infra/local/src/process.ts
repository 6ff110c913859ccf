import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { waitFor } from './wait.ts';

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Copy the command's output to our stderr as it comes (long steps a person waits for). */
  readonly echo?: boolean;
}

/** Runs a command to completion; rejects with its output when it exits non-zero. */
export async function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<string> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    if (options.echo === true) process.stderr.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${code}\n${output.trim().slice(-4000)}`);
  }
  return output;
}

/** True when `command` can be found on PATH. */
export async function commandExists(command: string): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}

export interface DaemonOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly logFile: string;
  readonly pidFile: string;
}

/** Starts a long-running server detached from us, its output in `logFile`, its pid in `pidFile`. */
export function startDaemon(command: string, args: readonly string[], options: DaemonOptions): number {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = openSync(options.logFile, 'a');
  try {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', log, log],
    });
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    child.unref();
    writeFileSync(options.pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(log);
  }
}

export function readPid(pidFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** SIGTERM, then await the exit; SIGKILL only if the server ignores us past the deadline. */
export async function stopProcess(
  pid: number,
  what: string,
  options: { signal?: NodeJS.Signals; timeoutMs?: number } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!isAlive(pid)) return;
  process.kill(pid, options.signal ?? 'SIGTERM');
  try {
    await waitFor(() => Promise.resolve(!isAlive(pid)), { timeoutMs, what: `${what} to stop` });
  } catch {
    process.stderr.write(`${what} did not stop within ${timeoutMs} ms; killing it\n`);
    process.kill(pid, 'SIGKILL');
    await waitFor(() => Promise.resolve(!isAlive(pid)), { timeoutMs: 5000, what: `${what} to die` });
  }
}

export function removeFile(path: string): void {
  rmSync(path, { force: true });
}

/** The last lines of a log, to explain a server that would not start. */
export function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
