import { join } from 'node:path';
import type { SqlDatabase } from '@eventflow/sql';
import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { openFiles } from './files.ts';
import { openKeys, type KeysConfig } from './keys.ts';
import { mailFrom } from './mail.ts';
import type { PortOpeners } from './port-set.ts';

/**
 * A service's ports in the embedded platform: one PGlite of its own (database per service) under
 * `<data>/pglite/<service>`, holding its SQL and, in schema `documents`, its documents; an in-memory
 * cache; `<data>/files/<service>`. Adapters are loaded when first needed.
 */
export function embeddedOpeners(dataDir: string, service: string, keys: KeysConfig = {}): PortOpeners {
  let engine: Promise<SqlDatabase> | undefined;
  const pglite = () => (engine ??= openPGliteDatabase({ dataDir: join(dataDir, 'pglite', service) }));
  return {
    // The engine is closed once, by `close()`, after every port on it.
    sql: async () => ({ ...(await pglite()), close: () => Promise.resolve() }),
    documents: async () =>
      (await import('@eventflow/docstore/embedded')).openEmbeddedDocumentStore({
        sql: await pglite(),
        schema: 'documents',
      }),
    cache: async () => (await import('@eventflow/cache/memory')).createMemoryCache({ namespace: `${service}:` }),
    files: () => openFiles(join(dataDir, 'files', service)),
    keys: () => openKeys(keys, dataDir),
    mail: async () => (await import('@eventflow/mail/embedded')).openEmbeddedMail({ from: mailFrom }),
    async close() {
      const opened = engine;
      engine = undefined;
      await (await opened?.catch(() => undefined))?.close();
    },
  };
}
