/** The gateway's configuration, parsed and validated once at startup. */
export interface GatewayConfig {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
}

export function parseGatewayConfig(env: NodeJS.ProcessEnv, defaults: { dataDir: string }): GatewayConfig {
  const port = Number(env['GATEWAY_PORT'] ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`GATEWAY_PORT must be a port number (0-65535), got ${JSON.stringify(env['GATEWAY_PORT'])}`);
  }
  return {
    host: env['GATEWAY_HOST'] ?? '127.0.0.1',
    port,
    dataDir: env['EVENTFLOW_DATA'] ?? defaults.dataDir,
  };
}
