import type { Bus } from '../port.ts';
import { EmbeddedBus, type EmbeddedBusOptions } from './embedded-bus.ts';
import { leaseEngine } from './engine-registry.ts';

export { DirectoryLockedError } from './dir-lock.ts';
export type { EmbeddedBusOptions } from './embedded-bus.ts';

/**
 * Opens the embedded bus on `options.dir`: a durable log per topic-partition, in this process, no
 * server. A restart loses nothing that was acknowledged. Buses opened on one directory in one
 * process share its topics and groups; another process is refused while this one has it open.
 */
export async function openEmbeddedBus(options: EmbeddedBusOptions): Promise<Bus> {
  return new EmbeddedBus(await leaseEngine(options.dir), options);
}
