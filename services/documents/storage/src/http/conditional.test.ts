import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ifRangeHolds, isNotModified, type Validators } from './conditional.ts';

const validators: Validators = { etag: '"abc"', lastModified: new Date('2025-09-10T09:00:00.500Z') };

test('If-None-Match: the ETag (weak or strong), one of a list, or * means not modified', () => {
  assert.equal(isNotModified('"abc"', undefined, validators), true);
  assert.equal(isNotModified('W/"abc"', undefined, validators), true);
  assert.equal(isNotModified('"x", "abc"', undefined, validators), true);
  assert.equal(isNotModified('*', undefined, validators), true);
  assert.equal(isNotModified('"x"', undefined, validators), false);
});

test('If-Modified-Since counts only without If-None-Match, to the second', () => {
  const at = 'Wed, 10 Sep 2025 09:00:00 GMT';
  assert.equal(isNotModified(undefined, at, validators), true);
  assert.equal(isNotModified(undefined, 'Wed, 10 Sep 2025 08:59:59 GMT', validators), false);
  assert.equal(isNotModified('"x"', at, validators), false);
  assert.equal(isNotModified(undefined, 'not a date', validators), false);
});

test('If-Range holds for the current strong ETag or date, never for a weak or stale one', () => {
  assert.equal(ifRangeHolds(undefined, validators), true);
  assert.equal(ifRangeHolds('"abc"', validators), true);
  assert.equal(ifRangeHolds('W/"abc"', validators), false);
  assert.equal(ifRangeHolds('"old"', validators), false);
  assert.equal(ifRangeHolds('Wed, 10 Sep 2025 09:00:00 GMT', validators), true);
  assert.equal(ifRangeHolds('Tue, 09 Sep 2025 09:00:00 GMT', validators), false);
});
