import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { busContract } from '../testing/contract.ts';
import { openEmbeddedBus } from './index.ts';

const dir = await mkdtemp(join(tmpdir(), 'eventflow-embedded-bus-'));
after(() => rm(dir, { recursive: true, force: true }));

busContract({
  name: 'embedded',
  open: () => openEmbeddedBus({ dir }),
  child: { module: join(import.meta.dirname, 'contract-child.ts'), env: { EMBEDDED_BUS_DIR: dir } },
});
