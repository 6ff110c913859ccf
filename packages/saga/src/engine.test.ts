import { after } from 'node:test';
import { engineSuite } from './suites/engine-suite.ts';
import { operationsSuite } from './suites/operations-suite.ts';
import { pgliteTargets } from './test-support.ts';

const pglite = pgliteTargets();
after(() => pglite.close());
engineSuite('PGlite', pglite.open);
operationsSuite('PGlite', pglite.open);
