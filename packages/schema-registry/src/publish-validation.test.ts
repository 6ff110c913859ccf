import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bus } from '@eventflow/bus';
import { openEmbeddedBus } from '@eventflow/bus/embedded';
import { publishCases } from './publish-cases.ts';
import { openTestRegistry } from './testing/index.ts';

publishCases(
  'embedded bus, PGlite registry',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eventflow-schema-registry-'));
    const bus = await openEmbeddedBus({ dir });
    return {
      kind: bus.kind,
      declare: (topics) => bus.declare(topics),
      publish: (topic, messages) => bus.publish(topic, messages),
      subscribe: (options) => bus.subscribe(options),
      close: async () => {
        await bus.close();
        await rm(dir, { recursive: true, force: true });
      },
    } satisfies Bus;
  },
  () => openTestRegistry({ kind: 'pglite' }),
);
