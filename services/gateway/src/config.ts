import { parseConfig } from '@eventflow/service';
import type { Upstream } from './proxy.ts';

/** The gateway process's configuration, parsed and validated once at startup. */
export function gatewayConfig(env: NodeJS.ProcessEnv) {
  const config = parseConfig(
    {
      type: 'object',
      properties: {
        GATEWAY_HOST: { type: 'string', default: '127.0.0.1' },
        GATEWAY_PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 8080 },
        /** JSON: [{ "name": "logs", "prefix": "/api/logs", "url": "http://127.0.0.1:8101" }] */
        GATEWAY_UPSTREAMS: { type: 'string', default: '[]' },
        /** The built web console to serve at /console (none when unset). */
        CONSOLE_DIR: { type: 'string' },
        LOG_LEVEL: {
          type: 'string',
          enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
          default: 'info',
        },
      },
    },
    env,
  );
  return { ...config, upstreams: parseUpstreams(config.GATEWAY_UPSTREAMS) };
}

function parseUpstreams(text: string): Upstream[] {
  const parsed = JSON.parse(text) as unknown;
  const valid =
    Array.isArray(parsed) &&
    parsed.every(
      (u: Partial<Upstream>) =>
        typeof u.name === 'string' &&
        typeof u.prefix === 'string' &&
        u.prefix.startsWith('/') &&
        typeof u.url === 'string',
    );
  if (!valid) throw new Error('GATEWAY_UPSTREAMS must be a JSON array of { name, prefix (starting with /), url }');
  return parsed as Upstream[];
}
