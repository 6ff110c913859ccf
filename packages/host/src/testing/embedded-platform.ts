import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { Bus } from '@eventflow/bus';
import { openEmbeddedBus } from '@eventflow/bus/embedded';
import { cleanupStack } from '@eventflow/eventstore/testing';
import type { AnyServiceDescriptor } from '../descriptor.ts';
import { runEmbeddedPlatform, type RunningPlatform } from '../embedded/platform.ts';

export interface EmbeddedPlatform {
  /** The front door (the gateway), as users reach the platform. */
  readonly url: string;
  readonly running: RunningPlatform;
  /** A handle on the platform's own bus (embedded buses on one folder in one process share it). */
  readonly bus: Bus;
  /** Where a service listens, for its /internal routes (the gateway never routes them). */
  urlOf(service: string): string;
}

/**
 * `descriptors` as `npm start` runs them (one process, embedded adapters), on a data folder of the
 * test's own; stopped, then the folder removed, after the test. Pass the gateway among them
 * (`@eventflow/gateway/descriptor`: the host cannot import it, the gateway depends on the host): the
 * front door is `url`.
 */
export async function embeddedPlatform(
  t: TestContext,
  descriptors: readonly AnyServiceDescriptor[],
  env: Readonly<Record<string, string>> = {},
): Promise<EmbeddedPlatform> {
  const defer = cleanupStack(t);
  const data = await mkdtemp(join(tmpdir(), 'eventflow-platform-'));
  defer(() => rm(data, { recursive: true, force: true }));
  const running = await runEmbeddedPlatform(descriptors, {
    env: { EVENTFLOW_DATA: data, GATEWAY_PORT: '0', LOG_LEVEL: 'warn', ...env },
    // Only for the default data folder, which EVENTFLOW_DATA replaces: nothing goes to the repository.
    root: data,
  });
  defer(() => running.close());
  const bus = await openEmbeddedBus({ dir: join(running.dataDir, 'bus') });
  defer(() => bus.close());
  return { url: running.url, running, bus, urlOf: (service) => running.registry.urlOf(service) };
}
