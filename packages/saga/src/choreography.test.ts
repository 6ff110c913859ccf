import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { openEmbeddedBus } from '@eventflow/bus/embedded';
import { choreographySuite } from './suites/choreography-suite.ts';
import { pgliteTargets } from './test-support.ts';

const pglite = pgliteTargets();
after(() => pglite.close());
choreographySuite(
  'embedded bus + PGlite',
  async (defer) => {
    const dir = await mkdtemp(join(tmpdir(), 'saga-bus-'));
    defer(() => rm(dir, { recursive: true, force: true }));
    const bus = await openEmbeddedBus({ dir });
    defer(() => bus.close());
    return bus;
  },
  pglite.open,
);
