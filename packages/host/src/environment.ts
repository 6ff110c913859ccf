import { join } from 'node:path';
import { parseConfig, type ConfigOf } from '@eventflow/service';
import { keysEnvironment } from './ports/keys.ts';

const logLevel = {
  type: 'string',
  enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
  default: 'info',
} as const;
/** `json` or `pretty`; unset: pretty on a terminal, JSON lines otherwise. */
const logFormat = { type: 'string', enum: ['json', 'pretty'] } as const;

/**
 * The environment every service process shares, read by the host and nowhere else. A service's own
 * variables are in its descriptor's `config`.
 */
export const processEnvironment = {
  type: 'object',
  properties: {
    HOST: { type: 'string', default: '127.0.0.1' },
    /** Default: the descriptor's port. */
    PORT: { type: 'integer', minimum: 0, maximum: 65535 },
    KAFKA_BROKERS: { type: 'string', default: '127.0.0.1:9092' },
    /** Required by services that need `sql`. */
    DATABASE_URL: { type: 'string', format: 'uri' },
    MONGODB_URL: { type: 'string', default: 'mongodb://127.0.0.1:27017/eventflow' },
    REDIS_URL: { type: 'string', default: 'redis://127.0.0.1:6379' },
    SMTP_URL: { type: 'string', default: 'smtp://127.0.0.1:1025' },
    MAILPIT_URL: { type: 'string', default: 'http://127.0.0.1:8025' },
    /** The data folder: services that need `files` keep them in `<EVENTFLOW_DATA>/files/<service>`. */
    EVENTFLOW_DATA: { type: 'string', default: '.data/distributed' },
    /**
     * This process among the instances of its service (default: the service's name). Names its
     * operation-log spool, `<EVENTFLOW_DATA>/spool/<INSTANCE_ID>`: give each instance sharing a data
     * folder its own (a Kubernetes pod name), and a restarted instance the same one as before.
     */
    INSTANCE_ID: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,100}$' },
    /** The platform's services and where they listen (JSON; the launcher writes it). */
    SERVICE_REGISTRY: { type: 'string', default: '[]' },
    ...keysEnvironment,
    LOG_LEVEL: logLevel,
    LOG_FORMAT: logFormat,
  },
} as const;

export type ProcessEnvironment = ConfigOf<typeof processEnvironment>;

/** The environment of the embedded platform (`npm start`): the front door, the data folder, logs. */
export const embeddedEnvironment = {
  type: 'object',
  properties: {
    GATEWAY_HOST: { type: 'string', default: '127.0.0.1' },
    /** 0 picks a free port. */
    GATEWAY_PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 8080 },
    /** Everything the embedded engines keep: default `<repository>/.data/embedded`. */
    EVENTFLOW_DATA: { type: 'string' },
    ...keysEnvironment,
    LOG_LEVEL: logLevel,
    LOG_FORMAT: logFormat,
  },
} as const;

export type EmbeddedEnvironment = ConfigOf<typeof embeddedEnvironment>;

export type Environment = Readonly<Record<string, string | undefined>>;

export function parseProcessEnvironment(env: Environment): ProcessEnvironment {
  return parseConfig(processEnvironment, env);
}

export function parseEmbeddedEnvironment(env: Environment): EmbeddedEnvironment {
  return parseConfig(embeddedEnvironment, env);
}

/** The embedded platform's data folder. */
export function embeddedDataDir(config: EmbeddedEnvironment, root: string): string {
  return config.EVENTFLOW_DATA ?? join(root, '.data', 'embedded');
}
