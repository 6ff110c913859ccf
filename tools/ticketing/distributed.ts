// Ticketing as `npm run start:distributed` runs it, for one test: the gateway, the schema registry and
// the six services a process each on the real Kafka, PostgreSQL (schemas of this run's own), MongoDB
// (a database of its own) and Redis; everything of the run dropped after the test.
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { cleanupStack } from '@eventflow/eventstore/testing';
import { gateway } from '@eventflow/gateway/descriptor';
import { distributedPlatform, type DistributedPlatform } from '@eventflow/host/testing';
import { schemaRegistry } from '@eventflow/schema-registry-service/descriptor';
import { ticketingServices } from '@eventflow/ticketing';
import { runIsolation } from '../testing/isolation.ts';

/** A descriptor's `main.ts`, beside its `descriptor.ts`. */
function mainOf(descriptorModule: string): string {
  return fileURLToPath(new URL('./main.ts', import.meta.resolve(descriptorModule)));
}

const modules: Readonly<Record<string, string>> = {
  gateway: '@eventflow/gateway/descriptor',
  'schema-registry': '@eventflow/schema-registry-service/descriptor',
  users: '@eventflow/ticketing-users/descriptor',
  events: '@eventflow/ticketing-events/descriptor',
  inventory: '@eventflow/ticketing-inventory/descriptor',
  'payment-provider': '@eventflow/ticketing-payment-provider/descriptor',
  payments: '@eventflow/ticketing-payments/descriptor',
  reservations: '@eventflow/ticketing-reservations/descriptor',
  notifications: '@eventflow/ticketing-notifications/descriptor',
};

export async function ticketingDistributed(
  t: TestContext,
  name: string,
  env: Readonly<Record<string, string>> = {},
): Promise<DistributedPlatform & { readonly schemas: readonly string[] }> {
  const isolation = runIsolation(name);
  cleanupStack(t)(() => isolation.drop());
  // distributedPlatform gives the run a MongoDB database of its own already.
  const isolated = Object.fromEntries(Object.entries(isolation.env).filter(([key]) => key !== 'MONGODB_URL'));
  const platform = await distributedPlatform(
    t,
    name,
    [gateway, schemaRegistry, ...ticketingServices].map((descriptor) => ({
      descriptor,
      main: mainOf(modules[descriptor.name] ?? `no module for ${descriptor.name}`),
    })),
    { ...isolated, ...env },
  );
  // This run's PostgreSQL schemas (the job server's `_server` twin does not apply: no documents here).
  return Object.assign(platform, { schemas: Object.values(isolation.schemas) });
}
