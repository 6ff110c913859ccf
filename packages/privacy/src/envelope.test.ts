// Envelope encryption, blind indexes and pseudonyms: what a store would hold, and what it takes to read it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { blindIndex, pseudonym } from './blind-index.ts';
import { newDataKey, open, rewrapDataKey, seal, unwrapDataKey, wrapDataKey, wrappingKeyId } from './envelope.ts';
import { parseKeyring } from './keyring.ts';

const key = () => randomBytes(32).toString('base64');
const k1 = key();
const k2 = key();
const index = key();

test('a field sealed with a data key opens only with that key, in that context; nothing of it shows in clear', () => {
  const dataKey = newDataKey();
  const sealed = seal(dataKey, 'ana.garcia@example.com', 'user-1/email');
  assert.doesNotMatch(sealed, /ana|garcia|example/);
  assert.notEqual(seal(dataKey, 'ana.garcia@example.com', 'user-1/email'), sealed, 'a fresh IV each time');
  assert.equal(open(dataKey, sealed, 'user-1/email'), 'ana.garcia@example.com');
  assert.throws(
    () => open(dataKey, sealed, 'user-2/email'),
    { code: 'PRIVACY.UNREADABLE' },
    'copied to another record',
  );
  assert.throws(() => open(newDataKey(), sealed, 'user-1/email'), { code: 'PRIVACY.UNREADABLE' }, 'another key');
  const [v, iv, ciphertext, tag] = sealed.split('.');
  const flipped = `${v}.${iv}.${ciphertext?.startsWith('A') ? 'B' : 'A'}${ciphertext?.slice(1)}.${tag}`;
  assert.throws(() => open(dataKey, flipped, 'user-1/email'), { code: 'PRIVACY.UNREADABLE' }, 'altered');
});

test('data keys are stored wrapped by the current master key; rotation rewraps them without touching the data', () => {
  const before = parseKeyring({ masterKeys: `k1:${k1}`, indexKey: index });
  const dataKey = newDataKey();
  const wrapped = wrapDataKey(before, dataKey, 'user-1');
  assert.equal(wrappingKeyId(wrapped), 'k1');
  assert.ok(!wrapped.includes(dataKey.toString('base64url')));
  const sealed = seal(dataKey, 'Ana', 'user-1/nombre');

  // k2 comes in as current; k1 stays configured until every data key is rewrapped.
  const during = parseKeyring({ masterKeys: `k1:${k1},k2:${k2}`, currentId: 'k2', indexKey: index });
  assert.deepEqual(unwrapDataKey(during, wrapped, 'user-1'), dataKey, 'an old wrapping still opens');
  const rewrapped = rewrapDataKey(during, wrapped, 'user-1');
  assert.equal(wrappingKeyId(rewrapped), 'k2');
  assert.equal(rewrapDataKey(during, rewrapped, 'user-1'), rewrapped, 'idempotent');

  const after = parseKeyring({ masterKeys: `k2:${k2}`, indexKey: index });
  assert.equal(open(unwrapDataKey(after, rewrapped, 'user-1'), sealed, 'user-1/nombre'), 'Ana');
  assert.throws(() => unwrapDataKey(after, wrapped, 'user-1'), { code: 'PRIVACY.UNKNOWN_KEY' });
  assert.throws(() => unwrapDataKey(after, rewrapped, 'user-2'), { code: 'PRIVACY.UNREADABLE' }, 'another owner');
});

test('blind indexes and pseudonyms: stable for equality, keyed, and different per purpose', () => {
  const keyring = parseKeyring({ masterKeys: `k1:${k1}`, indexKey: index });
  const rotated = parseKeyring({ masterKeys: `k2:${k2}`, indexKey: index });
  const other = parseKeyring({ masterKeys: `k1:${k1}`, indexKey: key() });
  const email = blindIndex(keyring, 'email', 'ana@example.com');
  assert.equal(blindIndex(keyring, 'email', 'ana@example.com'), email);
  assert.equal(blindIndex(rotated, 'email', 'ana@example.com'), email, 'master key rotation keeps lookups working');
  assert.notEqual(blindIndex(other, 'email', 'ana@example.com'), email, 'without the secret it cannot be recomputed');
  assert.notEqual(blindIndex(keyring, 'documento', 'ana@example.com'), email, 'one key per purpose');
  const id = '6f1c2a9e-0000-4000-8000-000000000001';
  assert.equal(pseudonym(keyring, id), pseudonym(keyring, id));
  assert.notEqual(pseudonym(keyring, id), blindIndex(keyring, 'email', id).slice(0, 32));
  assert.ok(!pseudonym(keyring, id).includes(id));
});

test('bad configuration is refused with what is wrong', () => {
  for (const [masterKeys, message] of [
    ['', /no master key/],
    [`k1:${Buffer.alloc(16).toString('base64')}`, /32 bytes/],
    [`:${k1}`, /id/],
    [`k1:${k1},k1:${k2}`, /share an id/],
  ] as const) {
    assert.throws(() => parseKeyring({ masterKeys, indexKey: index }), { code: 'PRIVACY.BAD_KEY', message });
  }
  assert.throws(() => parseKeyring({ masterKeys: `k1:${k1}`, currentId: 'k9', indexKey: index }), {
    code: 'PRIVACY.BAD_KEY',
  });
  assert.throws(() => parseKeyring({ masterKeys: `k1:${k1}`, indexKey: 'short' }), { code: 'PRIVACY.BAD_KEY' });
});
