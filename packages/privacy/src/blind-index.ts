// Equality without the clear value: a keyed hash (HMAC-SHA-256) of a normalised value, so a unique
// index can refuse a second user with the same email while the database never holds the email.
// The key is derived per purpose from the index secret, so an email's index says nothing about a
// pseudonym, and neither can be recomputed without the secret (unlike a plain hash of an email).
import { createHmac } from 'node:crypto';
import type { Keyring } from './keyring.ts';

export function blindIndex(keyring: Keyring, purpose: string, normalised: string): string {
  return createHmac('sha256', keyring.derived(`blind-index/${purpose}`))
    .update(normalised, 'utf8')
    .digest('base64url');
}

/** What every service but the owner of the data knows a person by: a keyed hash of their id. */
export function pseudonym(keyring: Keyring, id: string): string {
  return createHmac('sha256', keyring.derived('pseudonym')).update(id, 'utf8').digest('base64url').slice(0, 32);
}
