import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, parseConfig } from './parse-config.ts';

const schema = {
  type: 'object',
  required: ['DATABASE_URL'],
  properties: {
    DATABASE_URL: { type: 'string', format: 'uri' },
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 8080 },
    LOG_LEVEL: { type: 'string', enum: ['debug', 'info', 'warn', 'error'], default: 'info' },
    BUS_ENABLED: { type: 'boolean', default: true },
    REPLICAS: { type: 'number' },
  },
} as const;

test('parseConfig coerces strings to numbers and booleans, applies defaults, and types the result', () => {
  const config = parseConfig(schema, {
    DATABASE_URL: 'postgres://app:secret@db:5432/orders',
    PORT: '3000',
    BUS_ENABLED: 'false',
    UNRELATED: 'ignored',
  });

  assert.deepEqual(config, {
    DATABASE_URL: 'postgres://app:secret@db:5432/orders',
    PORT: 3000,
    LOG_LEVEL: 'info',
    BUS_ENABLED: false,
  });
  // The types follow the schema: required or defaulted variables are present, the others optional.
  const port: number = config.PORT;
  const level: 'debug' | 'info' | 'warn' | 'error' = config.LOG_LEVEL;
  const replicas: number | undefined = config.REPLICAS;
  // @ts-expect-error -- an optional variable may be absent
  const mustExist: number = config.REPLICAS;
  // @ts-expect-error -- PORT is a number, not a string
  const notString: string = config.PORT;
  assert.deepEqual([mustExist, notString], [undefined, 3000]);
  assert.deepEqual([port, level, replicas], [3000, 'info', undefined]);
});

test('parseConfig lists every missing or invalid variable in one error, without echoing strings', () => {
  const error = captureError(() =>
    parseConfig(schema, { PORT: 'eighty', LOG_LEVEL: 'loud', BUS_ENABLED: 'maybe', REPLICAS: '' }),
  );

  assert.ok(error instanceof ConfigError);
  assert.deepEqual(error.issues.map((issue) => issue.variable).sort(), [
    'BUS_ENABLED',
    'DATABASE_URL',
    'LOG_LEVEL',
    'PORT',
  ]);
  assert.match(error.message, /^Invalid configuration:$/m);
  assert.match(error.message, /^ {2}- DATABASE_URL: is required$/m);
  assert.match(error.message, /^ {2}- PORT: must be integer \(got "eighty"\)$/m);
  assert.match(error.message, /^ {2}- BUS_ENABLED: must be boolean \(got "maybe"\)$/m);
  assert.match(
    error.message,
    /^ {2}- LOG_LEVEL: must be equal to one of the allowed values: debug, info, warn, error$/m,
  );
  assert.doesNotMatch(error.message, /loud/);
});

function captureError(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  assert.fail('expected an error');
}
