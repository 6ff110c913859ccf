import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { partitionFor } from '../partitioner.ts';
import type { Bus } from '../port.ts';
import { defineTopic, type Topic } from '../topic.ts';
import { openEmbeddedBus, type EmbeddedBusOptions } from './index.ts';

/** A fresh directory, removed after the test (once the buses opened through `open` are closed). */
export async function scratch(
  t: TestContext,
): Promise<{ dir: string; open: (options?: Omit<EmbeddedBusOptions, 'dir'>) => Promise<Bus> }> {
  const dir = await mkdtemp(join(tmpdir(), 'eventflow-embedded-'));
  const buses: Bus[] = [];
  t.after(async () => {
    await Promise.allSettled(buses.map((bus) => bus.close()));
    await rm(dir, { recursive: true, force: true });
  });
  const open = async (options: Omit<EmbeddedBusOptions, 'dir'> = {}): Promise<Bus> => {
    const bus = await openEmbeddedBus({ ...options, dir });
    buses.push(bus);
    return bus;
  };
  return { dir, open };
}

export interface Numbered {
  readonly n: number;
}

export function numberedTopic(partitions = 1): Topic<Numbered> {
  return defineTopic<Numbered>({
    name: `embedded-${randomUUID()}`,
    partitions,
    schema: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
  });
}

/** The first key `k0`, `k1`, … that lands on `partition`. */
export function keyOn(partition: number, partitions: number): string {
  for (let i = 0; ; i++) if (partitionFor(`k${i}`, partitions) === partition) return `k${i}`;
}

/** Subscribes a new (or the given) group and gathers what arrives. */
export { collect as gather } from '../testing/collect.ts';
