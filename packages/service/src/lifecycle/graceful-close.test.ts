import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RoutePlugin } from '../definition.ts';
import { buildService } from '../build.ts';
import { recordingWorker } from '../testing/index.ts';

test('close() lets an in-flight request finish, then closes the workers', async () => {
  const events: string[] = [];
  const entered = Promise.withResolvers<void>();
  const release = Promise.withResolvers<void>();
  const slow: RoutePlugin = (app) => {
    app.get('/slow', async () => {
      entered.resolve();
      await release.promise;
      events.push('request finished');
      return { done: true };
    });
  };
  const app = buildService(
    { name: 'slow', routes: [slow], workers: [recordingWorker('consumer', events)] },
    {
      logger: false,
    },
  );
  const url = await app.listen({ host: '127.0.0.1', port: 0 });

  const inFlight = fetch(`${url}/slow`);
  await entered.promise;
  const closed = app.close().then(() => events.push('app closed'));
  release.resolve();
  const response = await inFlight;

  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { done: true });
  await closed;
  assert.deepEqual(events, ['consumer started', 'request finished', 'consumer closed', 'app closed']);
});
