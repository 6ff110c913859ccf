import test from 'node:test';
import { cleanupStack } from '@eventflow/eventstore/testing';
import { assertResumed, crashBetweenSteps } from './crash/crash-scenario.ts';
import { postgresTarget } from './test-support.ts';

test('PostgreSQL: a process SIGKILLed between two steps resumes in a new process, each effect applied once', async (t) => {
  const target = await postgresTarget(cleanupStack(t));
  const report = await crashBetweenSteps(
    {
      TARGET: 'postgres',
      DATABASE_URL: process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow',
      SCHEMA: target.schema,
    },
    'crash-pg-1',
  );
  assertResumed(report, 'crash-pg-1');
});
