// The one place personal data passes on its way into and out of storage. Everything a user's
// document and its cache entry hold of a person is what `toStored` made; everything answered is what
// `fromStored` gave back; the unique indexes hold what `lookupKeys` derived. Today all three are
// the identity (with normalisation); issue 11 encrypts in `toStored`/`fromStored` and makes the
// lookup keys keyed hashes (HMAC), and nothing else in the service changes.

/** A person's data as the API takes and answers it. */
export interface PersonalData {
  readonly nro_documento: string;
  readonly nombre: string;
  readonly apellido: string;
  /** Lower-cased. */
  readonly email: string;
}

/** Personal data as stored (and cached): opaque to everything but this module. */
export interface StoredPersonalData {
  readonly nro_documento: string;
  readonly nombre: string;
  readonly apellido: string;
  readonly email: string;
}

/** What the unique indexes compare: one key per identity a person may not have twice. */
export interface LookupKeys {
  /** `<tipo_documento>:<NRO_DOCUMENTO>`, the number upper-cased (`12345678-k` and `12345678-K` are one RUT). */
  readonly documento: string;
  /** The email, lower-cased. */
  readonly email: string;
}

export function toStored(data: PersonalData): StoredPersonalData {
  return { nro_documento: data.nro_documento, nombre: data.nombre, apellido: data.apellido, email: data.email };
}

export function fromStored(stored: StoredPersonalData): PersonalData {
  return {
    nro_documento: stored.nro_documento,
    nombre: stored.nombre,
    apellido: stored.apellido,
    email: stored.email,
  };
}

export function lookupKeys(tipoDocumento: string, data: Pick<PersonalData, 'nro_documento' | 'email'>): LookupKeys {
  return { documento: `${tipoDocumento}:${data.nro_documento.toUpperCase()}`, email: data.email.toLowerCase() };
}
