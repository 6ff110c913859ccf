import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { recordingWorker } from '../testing/index.ts';
import { runService } from './run.ts';
import type { ProcessLike } from './shutdown.ts';

/** A stand-in for `process`: signals are emitted by the test, and `exit` is recorded, not done. */
function fakeProcess(): EventEmitter & ProcessLike & { exited: Promise<number> } {
  const emitter = new EventEmitter();
  const exit = Promise.withResolvers<number>();
  return Object.assign(emitter, { exit: (code: number) => exit.resolve(code), exited: exit.promise });
}

test('runService listens, and on SIGTERM closes the server and the workers, then exits 0', async () => {
  const events: string[] = [];
  const proc = fakeProcess();
  const running = await runService(
    { name: 'runner', routes: [], workers: [recordingWorker('consumer', events)] },
    { host: '127.0.0.1', port: 0, logger: false, process: proc },
  );

  const health = await fetch(`${running.url}/health`);
  assert.equal(health.status, 200);
  proc.emit('SIGTERM');

  assert.equal(await proc.exited, 0);
  assert.deepEqual(events, ['consumer started', 'consumer closed']);
  await assert.rejects(fetch(`${running.url}/health`));
  assert.equal(proc.listenerCount('SIGINT'), 0, 'signal handlers are removed once closed');
});

test('close() on the handle stops the service without exiting, and may be called twice', async () => {
  const proc = fakeProcess();
  const running = await runService(
    { name: 'runner', routes: [] },
    { host: '127.0.0.1', port: 0, logger: false, process: proc },
  );

  await Promise.all([running.close(), running.close()]);

  assert.equal(proc.listenerCount('SIGTERM'), 0);
  await assert.rejects(fetch(`${running.url}/health`));
});

test('a port already taken fails runService, leaving nothing running', async (t) => {
  const proc = fakeProcess();
  const first = await runService(
    { name: 'one', routes: [] },
    { host: '127.0.0.1', port: 0, logger: false, process: proc },
  );
  t.after(() => first.close());
  const port = Number(new URL(first.url).port);
  const events: string[] = [];

  await assert.rejects(
    runService(
      { name: 'two', routes: [], workers: [recordingWorker('consumer', events)] },
      { host: '127.0.0.1', port, logger: false, process: proc },
    ),
    /EADDRINUSE/,
  );
  assert.deepEqual(events, ['consumer started', 'consumer closed']);
});
