// The keys port: configured keys, or development keys made once in the data folder and shared.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { blindIndex, newDataKey, unwrapDataKey, wrapDataKey } from '@eventflow/privacy';
import { openKeys } from './keys.ts';

const b64 = () => randomBytes(32).toString('base64');

test('with no keys configured, development keys are made once in the data folder and read back by every opener', async (t) => {
  const data = await mkdtemp(join(tmpdir(), 'keys-port-'));
  t.after(() => rm(data, { recursive: true, force: true }));
  const [a, b, c] = await Promise.all([openKeys({}, data), openKeys({}, data), openKeys({}, data)]);
  assert.ok(a !== undefined && b !== undefined && c !== undefined);
  assert.equal(a.current.id, 'dev1');
  const wrapped = wrapDataKey(a, newDataKey(), 'u1');
  assert.deepEqual(unwrapDataKey(b, wrapped, 'u1'), unwrapDataKey(c, wrapped, 'u1'), 'the same keys');
  assert.equal(blindIndex(a, 'email', 'x@y.z'), blindIndex(c, 'email', 'x@y.z'));
  const restarted = await openKeys({}, data);
  assert.deepEqual(unwrapDataKey(restarted, wrapped, 'u1').length, 32, 'a restart reads what was written');
  assert.equal((await stat(join(data, 'keys', 'privacy-dev.json'))).mode & 0o777, 0o600, 'readable by its owner only');
});

test('configured keys are used as given; half a configuration is a clear error', async (t) => {
  const data = await mkdtemp(join(tmpdir(), 'keys-port-'));
  t.after(() => rm(data, { recursive: true, force: true }));
  const keyring = await openKeys(
    { PRIVACY_MASTER_KEYS: `k1:${b64()},k2:${b64()}`, PRIVACY_MASTER_KEY_ID: 'k2', PRIVACY_INDEX_KEY: b64() },
    data,
  );
  assert.equal(keyring.current.id, 'k2');
  assert.deepEqual(keyring.ids, ['k1', 'k2']);
  await assert.rejects(openKeys({ PRIVACY_MASTER_KEYS: `k1:${b64()}` }, data), {
    name: 'ConfigError',
    message: /PRIVACY_INDEX_KEY/,
  });
  await assert.rejects(openKeys({ PRIVACY_MASTER_KEYS: 'k1:short', PRIVACY_INDEX_KEY: b64() }, data), {
    name: 'ConfigError',
    message: /32 bytes/,
  });
  await assert.rejects(stat(join(data, 'keys')), { code: 'ENOENT' }, 'no development keys made when configured');
});
