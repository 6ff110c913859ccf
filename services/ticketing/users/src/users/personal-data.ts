// The one place personal data passes on its way into and out of storage. Everything a user's
// document and its cache entry hold of a person is what `toStored` made: each field sealed
// (AES-256-GCM, @eventflow/privacy) with a data key of the person's own, which is kept apart, wrapped
// by the platform's master key (data-keys.ts). Everything answered is what `fromStored` opened. The
// unique indexes hold what `lookupKeys` derived: keyed hashes (blind indexes), never the clear value,
// so a second user with the same document or email is still a 409.
import { blindIndex, open, pseudonym, seal, type Keyring } from '@eventflow/privacy';

/** A person's data as the API takes and answers it. */
export interface PersonalData {
  readonly nro_documento: string;
  readonly nombre: string;
  readonly apellido: string;
  /** Lower-cased. */
  readonly email: string;
}

/** The fields sealed, each under its own context (`<owner>/<field>`). */
type Field = 'nro_documento' | 'nombre' | 'apellido' | 'email';

/** Personal data as stored (and cached): each field sealed with the person's data key. */
export interface StoredPersonalData {
  readonly nro_documento: string;
  readonly nombre: string;
  readonly apellido: string;
  readonly email: string;
}

/** What the unique indexes compare: one blind index per identity a person may not have twice. */
export interface LookupKeys {
  /** Of `<tipo_documento>:<NRO_DOCUMENTO>`, the number upper-cased (`12345678-k` and `12345678-K` are one RUT). */
  readonly documento: string;
  /** Of the email, lower-cased. */
  readonly email: string;
  /**
   * The person's pseudonym: what every other service knows them by (a keyed hash of the id,
   * @eventflow/privacy `pseudonym`). Indexed so the internal routes that take one find the user.
   */
  readonly seudonimo: string;
}

/** Sealed for `owner` (the user's id): a field copied to another user or field does not open. */
export function toStored(dataKey: Buffer, owner: string, data: PersonalData): StoredPersonalData {
  const sealed = (field: Field) => seal(dataKey, data[field], `${owner}/${field}`);
  return {
    nro_documento: sealed('nro_documento'),
    nombre: sealed('nombre'),
    apellido: sealed('apellido'),
    email: sealed('email'),
  };
}

export function fromStored(dataKey: Buffer, owner: string, stored: StoredPersonalData): PersonalData {
  const opened = (field: Field) => open(dataKey, stored[field], `${owner}/${field}`);
  return {
    nro_documento: opened('nro_documento'),
    nombre: opened('nombre'),
    apellido: opened('apellido'),
    email: opened('email'),
  };
}

export function lookupKeys(
  keyring: Keyring,
  owner: string,
  tipoDocumento: string,
  data: Pick<PersonalData, 'nro_documento' | 'email'>,
): LookupKeys {
  return {
    seudonimo: pseudonym(keyring, owner),
    documento: blindIndex(keyring, 'documento', `${tipoDocumento}:${data.nro_documento.toUpperCase()}`),
    email: blindIndex(keyring, 'email', data.email.toLowerCase()),
  };
}
