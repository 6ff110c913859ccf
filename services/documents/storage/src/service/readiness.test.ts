import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { injectJson } from '@eventflow/service/testing';
import { storageHarness } from '../testing/harness.ts';

interface Readiness {
  readonly status: string;
  readonly dependencies?: ReadonlyArray<{ name: string; status: string; detail: string }>;
  readonly checks?: ReadonlyArray<{ name: string; status: string; detail: string }>;
}

test('ready while the root is writable; not ready once it is not', async (t) => {
  const { app, root } = await storageHarness(t);

  const ready = await injectJson<Readiness>(app, { method: 'GET', url: '/health/ready' });
  assert.equal(ready.statusCode, 200, ready.text);
  assert.match(ready.text, /"storage-root"/);
  assert.match(ready.text, /writable: /);

  await rm(root, { recursive: true });
  await writeFile(root, 'a file where the folder was');
  t.after(() => rm(root, { force: true }));
  const down = await injectJson<Readiness>(app, { method: 'GET', url: '/health/ready' });
  assert.equal(down.statusCode, 503, down.text);
  assert.match(down.text, /"down"/);
});
