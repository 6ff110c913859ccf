import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildGateway } from './app.ts';

async function builtConsole(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gateway-console-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  return dir;
}

test('the console is served at /console: its files, and index.html for every page path', async (t) => {
  const app = buildGateway({
    mode: 'embedded',
    upstreams: [],
    health: [],
    consoleDir: await builtConsole(t),
    service: { logger: false, defaultMetrics: false },
  });
  t.after(() => app.close());

  const bare = await app.inject({ method: 'GET', url: '/console' });
  assert.equal(bare.statusCode, 302);
  assert.equal(bare.headers.location, '/console/');

  for (const url of ['/console/', '/console/jobs', '/console/logs?correlationId=corr-1', '/console/storage/x']) {
    const page = await app.inject({ method: 'GET', url });
    assert.equal(page.statusCode, 200, url);
    assert.match(page.headers['content-type'] ?? '', /text\/html/, url);
    assert.equal(page.body, '<!doctype html><title>console</title>', url);
    assert.equal(page.headers['cache-control'], 'no-cache', url);
  }

  const asset = await app.inject({ method: 'GET', url: '/console/assets/index-abc123.js' });
  assert.equal(asset.statusCode, 200);
  assert.match(asset.headers['content-type'] ?? '', /javascript/);
  assert.match(String(asset.headers['cache-control']), /immutable/);

  const missing = await app.inject({ method: 'GET', url: '/console/assets/index-gone.js' });
  assert.equal(missing.statusCode, 404);
  assert.match(missing.headers['content-type'] ?? '', /application\/problem\+json/);

  const posted = await app.inject({ method: 'POST', url: '/console/jobs' });
  assert.equal(posted.statusCode, 404);

  const elsewhere = await app.inject({ method: 'GET', url: '/nothing-here' });
  assert.equal(elsewhere.statusCode, 404, 'paths outside /console keep the gateway’s 404');
});

test('without a console folder there is no /console', async (t) => {
  const app = buildGateway({
    mode: 'embedded',
    upstreams: [],
    health: [],
    service: { logger: false, defaultMetrics: false },
  });
  t.after(() => app.close());
  assert.equal((await app.inject({ method: 'GET', url: '/console/' })).statusCode, 404);
});
