import { parseArgs } from 'node:util';
import type { AnyServiceDescriptor, RegistryEntry } from '@eventflow/host';
import { ConfigError, type ConfigSchema } from '@eventflow/service';

/** The options of `npm start` and `npm run start:distributed`. */
export const startOptions = {
  help: { type: 'boolean', short: 'h' },
  /** Comma-separated systems to run (default all); the platform's own services always run. */
  systems: { type: 'string' },
} as const;

/** The command line, or one line saying what is wrong with it (exit 2). */
export function parseArgsOrExit(command: string, _mode: 'embedded' | 'distributed') {
  try {
    return parseArgs({ options: startOptions, allowPositionals: false });
  } catch (error) {
    process.stderr.write(
      `${command}: ${error instanceof Error ? error.message : String(error)}\n` +
        `  (options go after --: ${command} -- --systems documents; ${command} -- --help lists them)\n`,
    );
    process.exit(2);
  }
}

/** Ends the process with one readable line (and a hint where there is one) instead of a stack trace. */
export function exitWithReason(command: string, error: unknown): never {
  const code = (error as { code?: unknown }).code;
  let message = error instanceof Error ? error.message : String(error);
  if (code === 'EADDRINUSE') {
    const port = (error as { port?: unknown }).port;
    message = `port ${String(port)} is in use: set GATEWAY_PORT (and SERVICE_PORT_BASE in distributed mode) to free ones`;
  } else if (!(error instanceof ConfigError) && !/^unknown system/.test(message)) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? message) : message}\n`);
  }
  process.stderr.write(`${command}: ${message}\n`);
  process.exit(error instanceof ConfigError || /^unknown system/.test(message) ? 2 : 1);
}

/** What `--help` prints. */
export function usage(
  command: string,
  mode: 'embedded' | 'distributed',
  platform: readonly AnyServiceDescriptor[],
): string {
  const systems = [...new Set(platform.map((d) => d.system))].filter((s) => s !== 'platform');
  const lines = [
    `Usage: ${command} [-- --systems a,b] [-- --help]`,
    '',
    mode === 'embedded'
      ? 'Runs the platform in this process on embedded engines (no servers): the gateway on :8080, every service behind it.'
      : 'Runs every service as its own process on the real servers (npm run infra:up first), behind the gateway on :8080.',
    '',
    'Options:',
    `  --systems a,b   only these systems (default all): ${systems.join(', ')}`,
    '  -h, --help      this help',
    '',
    'Environment:',
    '  GATEWAY_HOST, GATEWAY_PORT   where the gateway listens (127.0.0.1:8080; 0 picks a free port)',
    `  EVENTFLOW_DATA               the data folder (.data/${mode})`,
    '  LOG_LEVEL                    fatal|error|warn|info|debug|trace|silent (info)',
    '  LOG_FORMAT                   json|pretty (pretty on a terminal, JSON lines otherwise)',
    ...(mode === 'distributed'
      ? [
          '  KAFKA_BROKERS, DATABASE_URL, MONGODB_URL, REDIS_URL, SMTP_URL, MAILPIT_URL   the servers (those of npm run infra:up)',
          "  SERVICE_PORT_BASE            number the services' ports from here (default: each service's own port)",
        ]
      : []),
    '',
    `Services (name, system, ${mode === 'distributed' ? 'port, ' : ''}description; then their own variables):`,
    ...platform.flatMap((d) => [
      `  ${d.name.padEnd(10)} ${d.system.padEnd(10)} ${mode === 'distributed' ? `${String(d.port).padEnd(6)}` : ''}${d.description}`,
      ...Object.entries((d.config as ConfigSchema | undefined)?.properties ?? {}).map(
        ([variable, property]) =>
          `      ${variable}${property.default === undefined ? '' : ` (default ${String(property.default)})`}`,
      ),
    ]),
    '',
  ];
  return lines.join('\n');
}

/** The lines printed once the platform is up. */
export function banner(
  mode: 'embedded' | 'distributed',
  url: string,
  services: readonly RegistryEntry[],
  dataDir: string,
  tookMs: number,
): string {
  const routes = (entry: RegistryEntry) =>
    entry.routes.map((route) => ('prefix' in route ? `${route.prefix}/…` : route.path)).join(' ');
  return [
    '',
    `  EventFlow (${mode}) is up: ${url}   (${(tookMs / 1000).toFixed(1)} s)`,
    '',
    ...services
      .filter((entry) => entry.front !== true)
      .map((entry) => `    ${entry.name.padEnd(10)} ${entry.system.padEnd(10)} ${routes(entry)}`),
    '',
    `    console  ${url}/console`,
    `    docs     ${url}/docs        health ${url}/health   metrics ${url}/metrics`,
    `    data     ${dataDir}`,
    '',
    '  Ctrl-C stops it.',
    '',
  ].join('\n');
}
