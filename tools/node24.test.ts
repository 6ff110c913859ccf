import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';

const script = join(import.meta.dirname, 'node24.sh');

test('node24.sh: a Node that satisfies engines is used as it is, and nothing is downloaded', (t) => {
  const cache = mkdtempSync(join(tmpdir(), 'node24-cache-'));
  t.after(() => rmSync(cache, { recursive: true, force: true }));
  // Our own node (24+) first on PATH.
  const env = {
    ...process.env,
    PATH: `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
    EVENTFLOW_CACHE: cache,
  };
  const version = execFileSync('sh', [script, 'node', '-p', 'process.versions.node'], { env, encoding: 'utf8' });
  assert.equal(version.trim(), process.versions.node);
  assert.ok(!existsSync(join(cache, 'node-24.21.0')), 'no Node.js was fetched');
});

test('node24.sh: an older Node on PATH is replaced by Node 24 for the command and its children', (t) => {
  // A fake `node` that claims to be 20 shadows everything else on PATH.
  const bin = mkdtempSync(join(tmpdir(), 'node20-'));
  t.after(() => rmSync(bin, { recursive: true, force: true }));
  const fake = join(bin, 'node');
  writeFileSync(
    fake,
    `#!/bin/sh\ncase "$*" in *split*) echo 20 ;; *process.versions.node*) echo 20.0.0 ;; *) exit 1 ;; esac\n`,
  );
  chmodSync(fake, 0o755);
  // The cache node24.sh would fill on first use; this machine has it already (npm test ran through it),
  // unless this run's own Node is 24+ from elsewhere, in which case we skip rather than download.
  const cache =
    process.env['EVENTFLOW_CACHE'] ??
    join(process.env['XDG_CACHE_HOME'] ?? join(process.env['HOME'] ?? '/root', '.cache'), 'eventflow');
  if (!existsSync(join(cache, 'node-24.21.0'))) {
    t.skip('Node 24 is not in the cache on this machine; the download path is exercised by `npm test` itself');
    return;
  }
  const env = { ...process.env, PATH: `${bin}:/usr/bin:/bin` };
  const output = execFileSync('sh', [script, 'sh', '-c', 'node -p process.versions.node'], { env, encoding: 'utf8' });
  assert.match(output.trim(), /^24\./);
});
