// The `keys` port: the keyring that protects personal data (@eventflow/privacy). Configured keys
// come from PRIVACY_MASTER_KEYS / PRIVACY_MASTER_KEY_ID / PRIVACY_INDEX_KEY; with none configured,
// development keys are made once in the data folder (`<data>/keys/privacy-dev.json`, mode 0600) so
// that `npm start` works on a fresh clone and a restart reads what it wrote. Every process sharing a
// data folder shares them; production sets its own (from a secret store) and never uses that file.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseKeyring, type Keyring } from '@eventflow/privacy';
import { ConfigError } from '@eventflow/service';

export interface KeysConfig {
  readonly PRIVACY_MASTER_KEYS?: string | undefined;
  readonly PRIVACY_MASTER_KEY_ID?: string | undefined;
  readonly PRIVACY_INDEX_KEY?: string | undefined;
}

/** The keyring's variables, for the environments' schemas. */
export const keysEnvironment = {
  /** `id:base64,id:base64`: every master key that may have wrapped a stored data key (32 bytes each). */
  PRIVACY_MASTER_KEYS: { type: 'string', minLength: 1 },
  /** The one new data keys are wrapped with (default: the first listed); rotation rewraps to it. */
  PRIVACY_MASTER_KEY_ID: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,32}$' },
  /** base64 of 32 bytes: blind indexes and pseudonyms are derived from it (it does not rotate). */
  PRIVACY_INDEX_KEY: { type: 'string', minLength: 1 },
} as const;

const devFile = (dataDir: string) => join(dataDir, 'keys', 'privacy-dev.json');

interface DevKeys {
  readonly masterKeys: string;
  readonly indexKey: string;
}

async function devKeys(dataDir: string): Promise<DevKeys> {
  const file = devFile(dataDir);
  const made: DevKeys = {
    masterKeys: `dev1:${randomBytes(32).toString('base64')}`,
    indexKey: randomBytes(32).toString('base64'),
  };
  await mkdir(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  try {
    // 'wx': of two processes starting together, one writes; the other reads what it wrote.
    await writeFile(file, `${JSON.stringify(made)}\n`, { flag: 'wx', mode: 0o600 });
    return made;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  for (let attempt = 0; ; attempt += 1) {
    const text = await readFile(file, 'utf8');
    try {
      return JSON.parse(text) as DevKeys;
    } catch (error) {
      // Read between another process's create and its write: try again shortly.
      if (attempt === 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** The keyring from configuration, or the data folder's development keys when none is configured. */
export async function openKeys(config: KeysConfig, dataDir: string): Promise<Keyring> {
  const { PRIVACY_MASTER_KEYS: masterKeys, PRIVACY_MASTER_KEY_ID: currentId, PRIVACY_INDEX_KEY: indexKey } = config;
  if (masterKeys === undefined && indexKey === undefined) {
    return parseKeyring(await devKeys(dataDir));
  }
  if (masterKeys === undefined || indexKey === undefined) {
    const missing = masterKeys === undefined ? 'PRIVACY_MASTER_KEYS' : 'PRIVACY_INDEX_KEY';
    throw new ConfigError([{ variable: missing, message: 'is required with the other privacy key variables' }]);
  }
  try {
    return parseKeyring({ masterKeys, indexKey, ...(currentId === undefined ? {} : { currentId }) });
  } catch (error) {
    throw new ConfigError([{ variable: 'PRIVACY_MASTER_KEYS', message: (error as Error).message }]);
  }
}
