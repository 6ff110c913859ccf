// `npm start`: the platform embedded in one process, no servers needed. Every service is built
// as in distributed mode and listens on a loopback port of its own; the gateway fronts them on :8080.
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openEmbeddedBus } from '@eventflow/bus/embedded';
import { ensureConsoleBuilt } from '@eventflow/console';
import {
  buildGateway,
  gatewayConfig,
  gatewayOperation,
  localSource,
  upstreamSource,
  type Upstream,
} from '@eventflow/gateway';
import { OperationLog, logHttpOperations, operationLogTopic } from '@eventflow/oplog';
import { busObserver, createServiceMetrics, serveApp, buildService, type RunningService } from '@eventflow/service';
import { platformServices } from './platform.ts';

const root = join(import.meta.dirname, '..');
const config = gatewayConfig(process.env);
const dataDir = process.env['EVENTFLOW_DATA'] ?? join(root, '.data', 'embedded');
await mkdir(dataDir, { recursive: true });

const metrics = createServiceMetrics({ service: 'platform' });
const bus = await openEmbeddedBus({ dir: join(dataDir, 'bus'), observer: busObserver(metrics) });
const running: RunningService[] = [];
const upstreams: Upstream[] = [];
const urlOf = (name: string): string => {
  const url = upstreams.find((u) => u.name === name)?.url;
  if (url === undefined) throw new Error(`service ${name} is not built yet: order tools/platform.ts`);
  return url;
};
for (const service of platformServices) {
  const app = buildService(await service.build({ bus, dataDir, urlOf }), {
    logger: { level: config.LOG_LEVEL as 'info' },
  });
  const served = await serveApp(app, { host: '127.0.0.1', port: 0 });
  running.push(served);
  upstreams.push({ name: service.name, prefix: service.prefix, url: served.url });
}

const gatewayTopic = operationLogTopic('gateway');
await bus.declare([gatewayTopic]);
const gatewayLog = new OperationLog({ service: 'gateway', topic: gatewayTopic, bus });
const gateway = buildGateway({
  mode: 'embedded',
  consoleDir: await ensureConsoleBuilt(),
  upstreams,
  health: [
    localSource('gateway', [
      { name: 'data-dir', check: () => writable(dataDir) },
      { name: 'bus', check: () => Promise.resolve(`embedded log in ${join(dataDir, 'bus')}`) },
    ]),
    ...upstreams.map((u) => upstreamSource(u.name, u.url)),
  ],
  service: { logger: { level: config.LOG_LEVEL as 'info' }, metrics },
});
logHttpOperations(gateway, gatewayLog, { include: gatewayOperation });
const front = await serveApp(gateway, { host: config.GATEWAY_HOST, port: config.GATEWAY_PORT });

process.stdout.write(
  `EventFlow (embedded) is up: ${front.url}\n` +
    `  services: gateway, ${platformServices.map((s) => `${s.name} (${s.prefix})`).join(', ')}\n` +
    `  console:  ${front.url}/console\n` +
    `  health:   ${front.url}/health   docs: ${front.url}/docs   metrics: ${front.url}/metrics\n` +
    `  data:     ${dataDir}\n` +
    'Ctrl-C stops it.\n',
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping…\n`);
    void (async () => {
      await front.close();
      await gatewayLog.close();
      await Promise.all(running.map((r) => r.close()));
      await bus.close();
    })().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  });
}

/** A real write: the embedded engines keep everything in this folder. */
async function writable(dir: string): Promise<string> {
  const probe = join(dir, `.health-${process.pid}`);
  await writeFile(probe, 'ok');
  await rm(probe);
  await access(dir);
  return `writable: ${dir}`;
}
