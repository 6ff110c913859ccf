import { engineSuite } from './suites/engine-suite.ts';
import { operationsSuite } from './suites/operations-suite.ts';
import { postgresTarget } from './test-support.ts';

engineSuite('PostgreSQL', postgresTarget);
operationsSuite('PostgreSQL', postgresTarget);
