// Issue 15, finding 4: under `npm run start:distributed`, one service that dies used to stop every
// service. The launcher now starts it again with backoff, and /health shows it down meanwhile.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { crash, servicePid, serviceStatus } from '../testing/faults.ts';
import { startDistributedPlatform } from '../testing/platform-process.ts';

test('a service killed with SIGKILL is restarted by the launcher; the others keep serving', async (t) => {
  const platform = await startDistributedPlatform(t, 'fault-supervisor', { systems: ['documents'] });
  const before = servicePid(platform.output(), 'pdf');
  const storage = servicePid(platform.output(), 'storage');

  await crash(before);
  await eventually(
    async () => (await serviceStatus(platform.url, 'pdf')) !== 'up',
    'the gateway to report the PDF server down',
  );
  assert.match(platform.output(), /\[pdf\] exited \(SIGKILL\); restarting in 1 s/);
  const logs = await fetch(`${platform.url}/api/logs?limit=1`);
  assert.equal(logs.status, 200, 'the other services keep serving');

  await eventually(
    async () => (await serviceStatus(platform.url, 'pdf')) === 'up',
    'the PDF server to be back',
    60_000,
  );
  assert.notEqual(servicePid(platform.output(), 'pdf'), before, 'a new process');
  assert.equal(servicePid(platform.output(), 'storage'), storage, 'the others were not restarted');

  const correlationId = `after-restart-${randomUUID()}`;
  const report = await fetch(`${platform.url}/api/pdf/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
    body: JSON.stringify({ clientId: 'client-r', correlationId }),
  });
  assert.equal(report.status, 201, 'the restarted service works');
  assert.equal(await platform.stop(), 0);
});
