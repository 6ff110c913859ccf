import { join, resolve } from 'node:path';
import { ConfigError } from '@eventflow/service';
import type { ProcessEnvironment } from '../environment.ts';
import { openFiles } from './files.ts';
import { openKeys } from './keys.ts';
import { mailFrom } from './mail.ts';
import type { PortOpeners } from './port-set.ts';

/** A service's ports on the real servers named by the environment; adapters are loaded when first needed. */
export function distributedOpeners(env: ProcessEnvironment, service: string): PortOpeners {
  return {
    async sql() {
      const url = env.DATABASE_URL;
      if (url === undefined) {
        throw new ConfigError([{ variable: 'DATABASE_URL', message: `is required: service ${service} needs sql` }]);
      }
      const { openPostgresDatabase } = await import('@eventflow/sql/postgres');
      return openPostgresDatabase({ connectionString: url, applicationName: service });
    },
    documents: async () =>
      (await import('@eventflow/docstore/mongodb')).openMongoDocumentStore({ url: env.MONGODB_URL }),
    cache: async () =>
      (await import('@eventflow/cache/redis')).openRedisCache({ url: env.REDIS_URL, namespace: `${service}:` }),
    files: () => openFiles(join(resolve(env.EVENTFLOW_DATA), 'files', service)),
    keys: () => openKeys(env, resolve(env.EVENTFLOW_DATA)),
    mail: async () =>
      (await import('@eventflow/mail/mailpit')).openSmtpMail({
        smtpUrl: env.SMTP_URL,
        mailpitUrl: env.MAILPIT_URL,
        from: mailFrom,
      }),
    close: () => Promise.resolve(),
  };
}
