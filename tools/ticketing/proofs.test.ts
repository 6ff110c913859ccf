// Issue 10's proofs on the embedded platform: one process, PGlite, the embedded bus, no servers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cleanupStack } from '@eventflow/eventstore/testing';
import { gateway } from '@eventflow/gateway/descriptor';
import { runEmbeddedPlatform } from '@eventflow/host';
import { ticketingServices } from '@eventflow/ticketing';
import { crowdProof } from './proofs.ts';

const root = join(import.meta.dirname, '..', '..');

test('2,000 concurrent reservations for 100 seats, a fifth of the payments declined: never oversold, books balance', async (t) => {
  const defer = cleanupStack(t);
  const data = await mkdtemp(join(tmpdir(), 'ticketing-proof-'));
  defer(() => rm(data, { recursive: true, force: true }));
  const platform = await runEmbeddedPlatform([gateway, ...ticketingServices], {
    env: {
      EVENTFLOW_DATA: data,
      GATEWAY_PORT: '0',
      LOG_LEVEL: 'warn',
      PAYMENT_PROVIDER_DECLINE_RATE: '0.2',
      PAYMENT_PROVIDER_LATENCY_MS: '1-5',
    },
    root,
    logger: false,
  });
  defer(() => platform.close());
  await crowdProof(platform.url, { requests: 2_000, aforo: 100, usuarios: 200 });
});
