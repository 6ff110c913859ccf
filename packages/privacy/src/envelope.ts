// Envelope encryption: each person's fields are sealed with a data key of their own (AES-256-GCM),
// and that data key is stored wrapped by a master key (AES-256-GCM too, with the master key's id).
// Rotating a master key rewraps data keys, never re-encrypts data; destroying a person's data key
// makes every copy of their sealed data unreadable at once (crypto-shredding).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { PrivacyError } from './errors.ts';
import type { Keyring } from './keyring.ts';

const version = 'v1';
const ivBytes = 12;
const tagBytes = 16;

const b64 = (buffer: Buffer): string => buffer.toString('base64url');
const unb64 = (text: string): Buffer => Buffer.from(text, 'base64url');

function encrypt(key: Buffer, plaintext: Buffer, aad: string): { iv: Buffer; ciphertext: Buffer; tag: Buffer } {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

function decrypt(key: Buffer, iv: Buffer, ciphertext: Buffer, tag: Buffer, aad: string, what: string): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new PrivacyError('PRIVACY.UNREADABLE', `${what} does not open (altered, or sealed for another context)`);
  }
}

/** A fresh data key: 32 random bytes. Keep it only wrapped. */
export function newDataKey(): Buffer {
  return randomBytes(32);
}

/** `v1.<master key id>.<iv>.<wrapped key>.<tag>`, bound to `owner` (a data key moved to another record does not open). */
export function wrapDataKey(keyring: Keyring, dataKey: Buffer, owner: string): string {
  const { id, key } = keyring.current;
  const { iv, ciphertext, tag } = encrypt(key, dataKey, `datakey:${owner}`);
  return [version, id, b64(iv), b64(ciphertext), b64(tag)].join('.');
}

/** The id of the master key that wrapped `wrapped` (rotation rewraps those that are not the current one). */
export function wrappingKeyId(wrapped: string): string {
  const parts = wrapped.split('.');
  if (parts.length !== 5 || parts[0] !== version)
    throw new PrivacyError('PRIVACY.UNREADABLE', 'not a wrapped data key');
  return parts[1] as string;
}

export function unwrapDataKey(keyring: Keyring, wrapped: string, owner: string): Buffer {
  const parts = wrapped.split('.');
  if (parts.length !== 5 || parts[0] !== version)
    throw new PrivacyError('PRIVACY.UNREADABLE', 'not a wrapped data key');
  const [, id, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  const master = keyring.byId(id);
  if (master === undefined) {
    throw new PrivacyError('PRIVACY.UNKNOWN_KEY', `data key wrapped by master key ${id}, which is not configured`);
  }
  return decrypt(master.key, unb64(iv), unb64(ciphertext), unb64(tag), `datakey:${owner}`, 'the data key');
}

/** Rewraps a data key under the current master key (unchanged when it already is). */
export function rewrapDataKey(keyring: Keyring, wrapped: string, owner: string): string {
  if (wrappingKeyId(wrapped) === keyring.current.id) return wrapped;
  return wrapDataKey(keyring, unwrapDataKey(keyring, wrapped, owner), owner);
}

/** `v1.<iv>.<ciphertext>.<tag>`; `context` (record and field) is authenticated, so a value copied elsewhere does not open. */
export function seal(dataKey: Buffer, plaintext: string, context: string): string {
  const { iv, ciphertext, tag } = encrypt(dataKey, Buffer.from(plaintext, 'utf8'), context);
  return [version, b64(iv), b64(ciphertext), b64(tag)].join('.');
}

export function open(dataKey: Buffer, sealed: string, context: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== version) throw new PrivacyError('PRIVACY.UNREADABLE', 'not a sealed value');
  const [, iv, ciphertext, tag] = parts as [string, string, string, string];
  return decrypt(dataKey, unb64(iv), unb64(ciphertext), unb64(tag), context, `sealed ${context}`).toString('utf8');
}
