/**
 * Connection settings for the five servers. Each comes from its environment variable when set
 * (a server the user already runs) and otherwise points at the local server `infra:up` provides.
 */
export interface ConnectionSettings {
  readonly kafkaBrokers: readonly string[];
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly mongodbUrl: string;
  /** Where the platform sends email (Mailpit's SMTP server locally). */
  readonly smtpUrl: string;
  /** Mailpit's HTTP API and web UI: the messages its SMTP server received. */
  readonly mailpitUrl: string;
}

export type ServerName = 'kafka' | 'postgres' | 'redis' | 'mongodb' | 'smtp';

export const envVarOf: Readonly<Record<ServerName, string>> = {
  kafka: 'KAFKA_BROKERS',
  postgres: 'DATABASE_URL',
  redis: 'REDIS_URL',
  mongodb: 'MONGODB_URL',
  smtp: 'SMTP_URL',
};

export const localDefaults = {
  kafkaBrokers: ['127.0.0.1:9092'],
  databaseUrl: 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow',
  redisUrl: 'redis://127.0.0.1:6379',
  mongodbUrl: 'mongodb://127.0.0.1:27017/eventflow',
  smtpUrl: 'smtp://127.0.0.1:1025',
  mailpitUrl: 'http://127.0.0.1:8025',
} as const satisfies ConnectionSettings;

export function connectionSettings(env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  const brokers = env['KAFKA_BROKERS']
    ?.split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  return {
    kafkaBrokers: brokers !== undefined && brokers.length > 0 ? brokers : localDefaults.kafkaBrokers,
    databaseUrl: nonEmpty(env['DATABASE_URL']) ?? localDefaults.databaseUrl,
    redisUrl: nonEmpty(env['REDIS_URL']) ?? localDefaults.redisUrl,
    mongodbUrl: nonEmpty(env['MONGODB_URL']) ?? localDefaults.mongodbUrl,
    smtpUrl: nonEmpty(env['SMTP_URL']) ?? localDefaults.smtpUrl,
    mailpitUrl: nonEmpty(env['MAILPIT_URL']) ?? localDefaults.mailpitUrl,
  };
}

/** True when the user pointed us at a server of their own, which we must never start or stop. */
export function isUserProvided(server: ServerName, env: NodeJS.ProcessEnv = process.env): boolean {
  return nonEmpty(env[envVarOf[server]]) !== undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
