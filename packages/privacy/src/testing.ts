import { randomBytes } from 'node:crypto';
import { parseKeyring, type Keyring } from './keyring.ts';

/** A keyring of fresh random keys (master key `test1`), for tests. */
export function testKeyring(): Keyring {
  return parseKeyring({
    masterKeys: `test1:${randomBytes(32).toString('base64')}`,
    indexKey: randomBytes(32).toString('base64'),
  });
}
