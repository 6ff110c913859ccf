export { blindIndex, pseudonym } from './blind-index.ts';
export { newDataKey, open, rewrapDataKey, seal, unwrapDataKey, wrapDataKey, wrappingKeyId } from './envelope.ts';
export { PrivacyError, type PrivacyErrorCode } from './errors.ts';
export { parseKeyring, type Keyring, type KeyringConfig, type MasterKey } from './keyring.ts';
