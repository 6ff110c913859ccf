import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson, fingerprint } from './index.ts';

test('canonical JSON sorts keys at every level and keeps array order', () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, u: undefined }),
    '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
  );
});

test('the fingerprint ignores key order but not content or array order', () => {
  const schema = { type: 'object', required: ['a', 'b'], properties: { a: { type: 'string' } } };
  const reordered = { properties: { a: { type: 'string' } }, required: ['a', 'b'], type: 'object' };
  assert.equal(fingerprint(schema), fingerprint(reordered));
  assert.match(fingerprint(schema), /^[0-9a-f]{64}$/);
  assert.notEqual(fingerprint(schema), fingerprint({ ...schema, required: ['b', 'a'] }));
  assert.notEqual(fingerprint(schema), fingerprint({ ...schema, properties: { a: { type: 'number' } } }));
});
