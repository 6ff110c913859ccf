/** What every stored document has: a string `_id`, unique in its collection. */
export interface BaseDocument {
  readonly _id: string;
}

/** A document of no declared shape. */
export interface AnyDocument extends BaseDocument {
  readonly [field: string]: unknown;
}

type Present<V> = Exclude<V, undefined>;
type ElementOf<V> = V extends readonly (infer E)[] ? E : never;

/** Operators on one field; several on one field must all hold. */
export interface FieldOperators<V> {
  readonly $eq?: V | null;
  readonly $ne?: V | null;
  readonly $gt?: V;
  readonly $gte?: V;
  readonly $lt?: V;
  readonly $lte?: V;
  readonly $in?: readonly (V | null)[];
  readonly $nin?: readonly (V | null)[];
  readonly $exists?: boolean;
}

/**
 * A field's condition: a value (equality; on an array field, an element's equality too) or operators.
 * Comparison operands are numbers or strings; a whole sub-document is never an operand.
 */
export type Condition<V> =
  | Comparable<Present<V>>
  | Comparable<ElementOf<Present<V>>>
  | null
  | FieldOperators<Comparable<Present<V>> | Comparable<ElementOf<Present<V>>>>;

/** What a value is compared as: arrays and scalars; a sub-document is queried by its dotted fields. */
type Comparable<V> = V extends readonly unknown[] ? V : V extends object ? never : V;

/** Top-level fields are checked against `T`; dotted paths (`address.city`) are accepted as they are. */
export type Filter<T extends BaseDocument = AnyDocument> = {
  readonly [K in keyof T & string]?: Condition<T[K]>;
} & { readonly [path: `${string}.${string}`]: unknown };

type Settable<T> = { readonly [K in Exclude<keyof T & string, '_id'>]?: Present<T[K]> };
type NumericFields<T> = { [K in keyof T & string]-?: Present<T[K]> extends number ? K : never }[keyof T & string];
type ArrayFields<T> = {
  [K in keyof T & string]-?: Present<T[K]> extends readonly unknown[] ? K : never;
}[keyof T & string];
type Dotted<V> = { readonly [path: `${string}.${string}`]: V };
/** Fields of `T` whose values are `V` (any field, for a document of no declared shape), and dotted paths. */
type FieldsOf<T, Typed, V> = string extends keyof T ? { readonly [path: string]: V } : Typed & Dotted<V>;

/** The update operators the port offers; `_id` never changes. */
export interface Update<T extends BaseDocument = AnyDocument> {
  readonly $set?: Settable<T> & Dotted<unknown>;
  readonly $unset?: { readonly [K in Exclude<keyof T & string, '_id'>]?: true | 1 | '' } & Dotted<true | 1 | ''>;
  readonly $inc?: FieldsOf<T, { readonly [K in NumericFields<T>]?: number }, number>;
  readonly $push?: FieldsOf<T, { readonly [K in ArrayFields<T>]?: ElementOf<Present<T[K]>> }, unknown>;
}

/** Sort keys in order of precedence; ties are broken by `_id` ascending. */
export type Sort = { readonly [path: string]: 1 | -1 };

export interface FindOptions {
  readonly sort?: Sort;
  /** At most this many documents (a positive integer). */
  readonly limit?: number;
  /** Skips this many first (after sorting). */
  readonly skip?: number;
}

export interface UpdateOptions {
  /**
   * When nothing matches, inserts the filter's equality fields (dotted paths become sub-documents)
   * with the update applied, and a random UUID `_id` if the filter names none.
   */
  readonly upsert?: boolean;
}

export interface CollectionOptions {
  /** Unique indexes, each a list of field paths (compound when more than one). */
  readonly uniqueIndexes?: readonly (readonly string[])[];
}

/** One collection of documents: exactly what services need, the same on every adapter. */
export interface DocumentCollection<T extends BaseDocument> {
  readonly name: string;
  /** Throws `DOCSTORE.DUPLICATE` (nothing written) when `_id` or a unique index clashes. */
  insertOne(doc: T): Promise<void>;
  /** The first match in `_id` order, or null. */
  findOne(filter: Filter<T>): Promise<T | null>;
  /** Matches in `sort` order (default `_id`), after `skip`, at most `limit`. */
  find(filter: Filter<T>, options?: FindOptions): Promise<T[]>;
  count(filter: Filter<T>): Promise<number>;
  /**
   * Atomically updates the first match (in `_id` order) if it still matches when written, and answers
   * it as updated; null when nothing matched (and no upsert). The building block of "sell only what is
   * left": `updateOne({ _id, seats: { $gte: 2 } }, { $inc: { seats: -2 } })`.
   */
  updateOne(filter: Filter<T>, update: Update<T>, options?: UpdateOptions): Promise<T | null>;
  /** Whether a document was deleted. */
  deleteOne(filter: Filter<T>): Promise<boolean>;
  /** How many documents were deleted. */
  deleteMany(filter: Filter<T>): Promise<number>;
}

/** The document-store port. */
export interface DocumentStore {
  readonly kind: 'mongodb' | 'embedded';
  /**
   * A collection, made (with its indexes) if missing: idempotent, so call it at startup with the
   * indexes the service relies on. Names: letters, digits and `_`, at most 63, not starting with a digit.
   */
  collection<T extends BaseDocument = AnyDocument>(
    name: string,
    options?: CollectionOptions,
  ): Promise<DocumentCollection<T>>;
  /** A real round trip to the store, for readiness; answers what it reached. */
  ping(): Promise<string>;
  /** Idempotent; the store's operations refuse to run afterwards (`DOCSTORE.CLOSED`). */
  close(): Promise<void>;
}
