import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contractChecks, schemathesisArgs } from './schemathesis-run.ts';

function valueOf(args: readonly string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at === -1 ? undefined : args[at + 1];
}

test('schemathesisArgs: the contract checks, 25 seeded examples, a timeout and a JUnit report by default', () => {
  const args = schemathesisArgs({ schemaUrl: 'http://127.0.0.1:3000/docs/json' }, '/tmp/run/junit.xml');
  assert.deepEqual(args.slice(0, 2), ['run', 'http://127.0.0.1:3000/docs/json']);
  assert.equal(valueOf(args, '--checks'), contractChecks.join(','));
  assert.equal(valueOf(args, '--max-examples'), '25');
  assert.equal(valueOf(args, '--seed'), '42');
  assert.equal(valueOf(args, '--workers'), '1');
  assert.equal(valueOf(args, '--request-timeout'), '10');
  assert.equal(valueOf(args, '--generation-database'), 'none');
  assert.equal(valueOf(args, '--report'), 'junit');
  assert.equal(valueOf(args, '--report-junit-path'), '/tmp/run/junit.xml');
  assert.ok(args.includes('--no-color'));
  assert.equal(args.includes('--exclude-path-regex'), false);
});

test('schemathesisArgs: filters, mode and limits as given', () => {
  const args = schemathesisArgs(
    {
      schemaUrl: 'http://h/docs/json',
      checks: ['not_a_server_error'],
      maxExamples: 5,
      seed: 7,
      mode: 'positive',
      requestTimeoutSeconds: 2,
      excludePathRegex: '^/(metrics|api/logs/stream)$',
      includePathRegex: '^/api/',
    },
    'j.xml',
  );
  assert.equal(valueOf(args, '--checks'), 'not_a_server_error');
  assert.equal(valueOf(args, '--max-examples'), '5');
  assert.equal(valueOf(args, '--seed'), '7');
  assert.equal(valueOf(args, '--mode'), 'positive');
  assert.equal(valueOf(args, '--request-timeout'), '2');
  assert.equal(valueOf(args, '--exclude-path-regex'), '^/(metrics|api/logs/stream)$');
  assert.equal(valueOf(args, '--include-path-regex'), '^/api/');
});
