import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../config/parse-config.ts';
import { logFormatFor } from './log-format.ts';

test('logFormatFor: LOG_FORMAT wins, whatever the terminal', () => {
  assert.equal(logFormatFor({ env: 'json', isTTY: true }), 'json');
  assert.equal(logFormatFor({ env: 'pretty', isTTY: false }), 'pretty');
  assert.equal(logFormatFor({ env: ' Pretty ', isTTY: false }), 'pretty');
});

test('logFormatFor: unset or empty, readable on a terminal and JSON otherwise', () => {
  assert.equal(logFormatFor({ env: undefined, isTTY: true }), 'pretty');
  assert.equal(logFormatFor({ env: undefined, isTTY: false }), 'json');
  assert.equal(logFormatFor({ env: '', isTTY: true }), 'pretty');
  assert.equal(logFormatFor({ env: '', isTTY: false }), 'json');
});

test('logFormatFor: any other value is a configuration error naming LOG_FORMAT', () => {
  assert.throws(
    () => logFormatFor({ env: 'prety', isTTY: true }),
    (error: unknown) => error instanceof ConfigError && error.issues[0]?.variable === 'LOG_FORMAT',
  );
});
