// `npm run demo` as a test runs it: tools/demo.ts as a child process, its exit code and output.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const demo = join(import.meta.dirname, '..', 'demo.ts');

export function runDemo(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [demo, ...args],
      { timeout: 240_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
