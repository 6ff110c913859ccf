// Each person's data key, wrapped by the master key, in a collection of its own (`claves_de_datos`),
// apart from the sealed data it opens. Destroying a person's key here is their erasure: every copy
// of their sealed data (the user document, the cache, a backup or dump of either) stays unreadable
// for good (crypto-shredding). Keep this collection out of long-lived backups of the users' data, or
// back it up with a retention of its own: a backup that holds the keys holds the people.
import type { BaseDocument, DocumentCollection, DocumentStore } from '@eventflow/docstore';
import { newDataKey, rewrapDataKey, unwrapDataKey, wrapDataKey, wrappingKeyId, type Keyring } from '@eventflow/privacy';

export interface DataKeyDocument extends BaseDocument {
  /** The data key, wrapped: `v1.<master key id>.…`. */
  readonly clave: string;
  readonly creada_en: string;
}

/** How long an opened data key stays in this process (the bound on how long an erased user's key lives on here). */
const openedForMs = 60_000;
const openedAtMost = 10_000;

export class DataKeys {
  readonly #keys: DocumentCollection<DataKeyDocument>;
  readonly #keyring: Keyring;
  readonly #opened = new Map<string, { readonly key: Buffer; readonly until: number }>();

  private constructor(keys: DocumentCollection<DataKeyDocument>, keyring: Keyring) {
    this.#keys = keys;
    this.#keyring = keyring;
  }

  static async open(documents: DocumentStore, keyring: Keyring, name = 'claves_de_datos'): Promise<DataKeys> {
    return new DataKeys(await documents.collection<DataKeyDocument>(name), keyring);
  }

  /** A new data key for `owner`, stored wrapped before anything is sealed with it. */
  async create(owner: string, now: Date): Promise<Buffer> {
    const key = newDataKey();
    await this.#keys.insertOne({
      _id: owner,
      clave: wrapDataKey(this.#keyring, key, owner),
      creada_en: now.toISOString(),
    });
    this.#remember(owner, key);
    return key;
  }

  /** The owner's data key, or undefined once it was destroyed (the person was erased). */
  async get(owner: string): Promise<Buffer | undefined> {
    const opened = this.#opened.get(owner);
    if (opened !== undefined && opened.until > Date.now()) return opened.key;
    this.#opened.delete(owner);
    const stored = await this.#keys.findOne({ _id: owner });
    if (stored === null) return undefined;
    const key = unwrapDataKey(this.#keyring, stored.clave, owner);
    this.#remember(owner, key);
    return key;
  }

  /** Destroys the owner's data key: from now on nothing sealed with it opens, anywhere. */
  async destroy(owner: string): Promise<void> {
    this.#opened.delete(owner);
    await this.#keys.deleteOne({ _id: owner });
  }

  /**
   * Rewraps every data key that is not wrapped by the current master key (rotation): the data itself
   * is not touched. Safe to run again, and beside other instances (each rewrap is conditional).
   */
  async rewrapAll(): Promise<{ readonly checked: number; readonly rewrapped: number }> {
    let checked = 0;
    let rewrapped = 0;
    for (const stored of await this.#keys.find({})) {
      checked += 1;
      if (wrappingKeyId(stored.clave) === this.#keyring.current.id) continue;
      const clave = rewrapDataKey(this.#keyring, stored.clave, stored._id);
      if ((await this.#keys.updateOne({ _id: stored._id, clave: stored.clave }, { $set: { clave } })) !== null) {
        rewrapped += 1;
      }
    }
    return { checked, rewrapped };
  }

  #remember(owner: string, key: Buffer): void {
    if (this.#opened.size >= openedAtMost) {
      const oldest = this.#opened.keys().next().value;
      if (oldest !== undefined) this.#opened.delete(oldest);
    }
    this.#opened.set(owner, { key, until: Date.now() + openedForMs });
  }
}
