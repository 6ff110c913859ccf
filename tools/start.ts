// `npm start`: the platform embedded in one process, no servers needed.
import { join } from 'node:path';
import { buildGateway, embeddedServices, parseGatewayConfig } from '@eventflow/gateway';

const root = join(import.meta.dirname, '..');
const config = parseGatewayConfig(process.env, { dataDir: join(root, '.data', 'embedded') });
const services = embeddedServices(config.dataDir);
const gateway = buildGateway({ mode: 'embedded', services });

await gateway.listen({ host: config.host, port: config.port });
const address = `http://${config.host}:${config.port}`;
process.stdout.write(
  `EventFlow (embedded) is up: ${address}\n` +
    `  services: ${services.map((s) => s.name).join(', ')}\n` +
    `  health:   ${address}/health\n` +
    `  data:     ${config.dataDir}\n` +
    'Ctrl-C stops it.\n',
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping…\n`);
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  });
}
