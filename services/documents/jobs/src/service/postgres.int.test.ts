// The job server on the real PostgreSQL (DATABASE_URL; `npm test` provides it): every scenario
// of the embedded engine, each test in schemas of its own.
import { describe } from 'node:test';
import { basicsContract } from '../testing/contract-basics.ts';
import { enqueueContract } from '../testing/contract-enqueue.ts';
import { flowContract } from '../testing/contract-flow.ts';
import { postgresFixture } from '../testing/fixtures.ts';

const url = process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';

describe('job server on PostgreSQL', () => {
  basicsContract(postgresFixture(url));
  enqueueContract(postgresFixture(url));
  flowContract(postgresFixture(url));
});
