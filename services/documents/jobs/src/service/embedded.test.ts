// The job server on the embedded engine (PGlite, pg-boss on it directly): the same scenarios as
// on PostgreSQL (postgres.int.test.ts). One engine for the file, a schema per test.
import { after, describe } from 'node:test';
import { basicsContract } from '../testing/contract-basics.ts';
import { enqueueContract } from '../testing/contract-enqueue.ts';
import { flowContract } from '../testing/contract-flow.ts';
import { sharedPgliteFixture } from '../testing/fixtures.ts';

const engine = sharedPgliteFixture();
after(() => engine.close());

describe('job server on PGlite', () => {
  basicsContract(engine);
  enqueueContract(engine);
  flowContract(engine);
});
