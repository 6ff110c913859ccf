import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureConsoleBuilt } from './ensure-built.ts';

test('the console is built once, for /console/, and not again while its sources are unchanged', async () => {
  const dir = await ensureConsoleBuilt({ progress: () => {} });
  const page = await readFile(join(dir, 'index.html'), 'utf8');
  assert.match(page, /<script type="module" crossorigin src="\/console\/assets\/index-[\w-]+\.js">/);

  const said: string[] = [];
  assert.equal(await ensureConsoleBuilt({ progress: (text) => said.push(text) }), dir);
  assert.deepEqual(said, [], 'up to date: no build, no message');
});
