import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { DirectoryLockedError, openEmbeddedBus } from './index.ts';
import { scratch } from './test-support.ts';

/** A process that opens the bus on `dir` and keeps it until killed. */
function holder(dir: string): { ready: Promise<void>; exited: Promise<unknown>; kill: () => void; pid: number } {
  const script = `
    const { openEmbeddedBus } = await import(process.env.BUS_MODULE);
    await openEmbeddedBus({ dir: process.env.BUS_DIR });
    process.stdout.write('open\\n');
    setInterval(() => undefined, 1 << 30);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, BUS_MODULE: join(import.meta.dirname, 'index.ts'), BUS_DIR: dir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('open') && resolve());
    void exited.then(() => reject(new Error('the holder exited before opening the bus')));
  });
  return { ready, exited, kill: () => child.kill('SIGKILL'), pid: child.pid ?? 0 };
}

async function lockHolder(dir: string): Promise<number> {
  return (JSON.parse(await readFile(join(dir, 'LOCK'), 'utf8')) as { pid: number }).pid;
}

/** The pid of a process that has run and been reaped. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 0;
}

test('a directory held by a live process is refused; once that process is killed it is taken over', async (t) => {
  const { dir, open } = await scratch(t);
  const other = holder(dir);
  t.after(other.kill);
  await other.ready;
  await assert.rejects(
    openEmbeddedBus({ dir }),
    (error: unknown) => error instanceof DirectoryLockedError && error.pid === other.pid,
  );
  other.kill();
  await other.exited;
  const bus = await open();
  assert.equal(await lockHolder(dir), process.pid);
  await bus.close();
  assert.equal(existsSync(join(dir, 'LOCK')), false, 'close() releases the lock');
});

test('a lock left by a dead pid, or holding garbage, is taken over', async (t) => {
  const { dir, open } = await scratch(t);
  for (const stale of [JSON.stringify({ pid: await deadPid() }), '', 'garbage']) {
    await writeFile(join(dir, 'LOCK'), stale);
    const bus = await open();
    await bus.close();
  }
});

test('a lock naming a live process that started at another time (a reused pid) is taken over', async (t) => {
  if (!existsSync('/proc/self/stat')) return t.skip('needs /proc');
  const { dir, open } = await scratch(t);
  await writeFile(join(dir, 'LOCK'), JSON.stringify({ pid: process.ppid, started: 'another-time' }));
  const bus = await open();
  await bus.close();
});

test('a live pid in the lock is refused', async (t) => {
  const { dir } = await scratch(t);
  await writeFile(join(dir, 'LOCK'), JSON.stringify({ pid: process.ppid }));
  await assert.rejects(openEmbeddedBus({ dir }), DirectoryLockedError);
  assert.equal(await lockHolder(dir), process.ppid, 'the lock is left alone');
});

test('buses opened on one directory in one process share it; the last close releases it', async (t) => {
  const { dir, open } = await scratch(t);
  const [first, second] = await Promise.all([open(), open()]);
  await first.close();
  assert.ok(existsSync(join(dir, 'LOCK')), 'still held by the second bus');
  await second.close();
  assert.equal(existsSync(join(dir, 'LOCK')), false);
});
