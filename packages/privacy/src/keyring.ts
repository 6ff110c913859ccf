// The master keys that wrap every data key, and the index key behind blind indexes and pseudonyms.
// They come from configuration; only their ids are ever stored next to the data they protect.
import { hkdfSync } from 'node:crypto';
import { PrivacyError } from './errors.ts';

export interface MasterKey {
  /** Stored with every data key it wraps, so an older key can still unwrap while rotation runs. */
  readonly id: string;
  readonly key: Buffer;
}

export interface Keyring {
  /** The key new data keys are wrapped with (and rotation rewraps to). */
  readonly current: MasterKey;
  byId(id: string): MasterKey | undefined;
  readonly ids: readonly string[];
  /** Derived from the index secret: one key per purpose (blind indexes, pseudonyms), never the secret itself. */
  derived(purpose: string): Buffer;
}

const keyId = /^[A-Za-z0-9_-]{1,32}$/;

function decodeKey(text: string, what: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new PrivacyError('PRIVACY.BAD_KEY', `${what} must be 32 bytes in base64 (got ${key.length} bytes)`);
  }
  return key;
}

export interface KeyringConfig {
  /** `id:base64key,id:base64key`: every master key that may have wrapped a stored data key. */
  readonly masterKeys: string;
  /** Which one wraps new data keys; default: the first listed. */
  readonly currentId?: string;
  /** base64 of 32 bytes: the secret blind indexes and pseudonyms are derived from (not rotated with the master keys). */
  readonly indexKey: string;
}

export function parseKeyring(config: KeyringConfig): Keyring {
  const keys = config.masterKeys
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry): MasterKey => {
      const colon = entry.indexOf(':');
      const id = colon < 0 ? '' : entry.slice(0, colon);
      if (!keyId.test(id)) {
        throw new PrivacyError('PRIVACY.BAD_KEY', `a master key is "<id>:<base64>", its id 1-32 of A-Z a-z 0-9 _ -`);
      }
      return { id, key: decodeKey(entry.slice(colon + 1), `master key ${id}`) };
    });
  if (keys.length === 0) throw new PrivacyError('PRIVACY.BAD_KEY', 'no master key configured');
  const byId = new Map(keys.map((key) => [key.id, key]));
  if (byId.size !== keys.length) throw new PrivacyError('PRIVACY.BAD_KEY', 'two master keys share an id');
  const current = config.currentId === undefined ? keys[0] : byId.get(config.currentId);
  if (current === undefined) {
    throw new PrivacyError(
      'PRIVACY.BAD_KEY',
      `the current master key ${config.currentId} is not among the master keys`,
    );
  }
  const secret = decodeKey(config.indexKey, 'the index key');
  const derivedKeys = new Map<string, Buffer>();
  return {
    current,
    byId: (id) => byId.get(id),
    ids: keys.map((key) => key.id),
    derived(purpose) {
      let key = derivedKeys.get(purpose);
      if (key === undefined) {
        key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `eventflow/${purpose}`, 32));
        derivedKeys.set(purpose, key);
      }
      return key;
    },
  };
}
