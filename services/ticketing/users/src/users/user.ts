import type { BaseDocument } from '@eventflow/docstore';
import { outboxOf, pendingMessage, type OutboxFields, type PendingMessage } from '@eventflow/docstore/outbox';
import { usuariosTopic, type Compra, type UsuarioCreado } from '@eventflow/ticketing-contracts';
import type { Keyring } from '@eventflow/privacy';
import { fromStored, lookupKeys, toStored, type LookupKeys, type StoredPersonalData } from './personal-data.ts';

export const documentTypes = ['DNI', 'Pasaporte', 'CI', 'NIE', 'RUT', 'Otro'] as const;
export type DocumentType = (typeof documentTypes)[number];

/** POST /api/usuarios. */
export interface NewUser {
  readonly tipo_documento: DocumentType;
  readonly nro_documento: string;
  readonly nombre: string;
  readonly apellido: string;
  readonly email: string;
}

/** What a user looks like as stored: personal data only in `personales` (and derived in `claves`). */
export interface UserDocument extends BaseDocument, OutboxFields {
  readonly tipo_documento: DocumentType;
  /** Null once the person was erased (their data key destroyed first: what was sealed is unreadable anyway). */
  readonly personales: StoredPersonalData | null;
  /** When the person asked to be forgotten (DELETE /api/usuarios/{id}). */
  readonly borrado_en?: string;
  /** Unique indexes: one user per document, one per email. */
  readonly claves: LookupKeys;
  readonly creado_en: string;
  /** Embedded: few per user, always read with the user. */
  readonly compras: readonly Compra[];
}

/** What the cache keeps of a user: the stored form, less the lookup keys and the outbox. */
export type CachedUser = Pick<
  UserDocument,
  '_id' | 'tipo_documento' | 'personales' | 'creado_en' | 'compras' | 'borrado_en'
>;

/** A user as the API answers it. */
export interface UserView extends NewUser {
  readonly usuario_id: string;
  readonly creado_en: string;
  readonly compras: readonly Compra[];
}

/** The unique indexes of the users collection. */
export const userIndexes = [['claves.documento'], ['claves.email'], ['claves.seudonimo']] as const;

/** A new user's document, with UsuarioCreado in its outbox (no personal data in the message). */
export function newUser(
  input: NewUser,
  id: string,
  now: Date,
  keyring: Keyring,
  dataKey: Buffer,
): { document: UserDocument & { readonly personales: StoredPersonalData }; message: PendingMessage } {
  const personal = {
    nro_documento: input.nro_documento,
    nombre: input.nombre.trim(),
    apellido: input.apellido.trim(),
    email: input.email.toLowerCase(),
  };
  const claves = lookupKeys(keyring, id, input.tipo_documento, personal);
  const created: UsuarioCreado = {
    usuario_seudonimo: claves.seudonimo,
    tipo_documento: input.tipo_documento,
    creado_en: now.toISOString(),
  };
  const message = pendingMessage(usuariosTopic, { type: 'UsuarioCreado', key: claves.seudonimo, value: created }, now);
  const document: UserDocument & { readonly personales: StoredPersonalData } = {
    _id: id,
    tipo_documento: input.tipo_documento,
    personales: toStored(dataKey, id, personal),
    claves,
    creado_en: created.creado_en,
    compras: [],
    ...outboxOf([message]),
  };
  return { document, message };
}

export function cachedUser(document: CachedUser): CachedUser {
  const { _id, tipo_documento, personales, creado_en, compras, borrado_en } = document;
  return { _id, tipo_documento, personales, creado_en, compras, ...(borrado_en === undefined ? {} : { borrado_en }) };
}

/** A user as answered; `personales` opened with their data key (the caller checked they were not erased). */
export function userView(user: CachedUser & { readonly personales: StoredPersonalData }, dataKey: Buffer): UserView {
  return {
    usuario_id: user._id,
    tipo_documento: user.tipo_documento,
    ...fromStored(dataKey, user._id, user.personales),
    creado_en: user.creado_en,
    compras: user.compras.map(purchaseView),
  };
}

/** A purchase as answered: exactly the contract's fields. */
export function purchaseView(compra: Compra): Compra {
  const { reserva_id, evento_id, cantidad, importe, fecha } = compra;
  return { reserva_id, evento_id, cantidad, importe, fecha };
}
