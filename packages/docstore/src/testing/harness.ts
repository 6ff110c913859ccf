import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { TestContext } from 'node:test';
import { isDocStoreError, type DocStoreError, type DocStoreErrorCode } from '../errors.ts';
import type { AnyDocument, BaseDocument, CollectionOptions, DocumentCollection, DocumentStore } from '../port.ts';

/** A store for one test, and how to give it back. */
export interface DocumentStoreUnderTest {
  readonly store: DocumentStore;
  close(): Promise<void>;
}

export type OpenStore = () => Promise<DocumentStoreUnderTest>;

/** A collection of its own (random name) on a store closed after the test. */
export async function freshCollection<T extends BaseDocument = AnyDocument>(
  t: TestContext,
  open: OpenStore,
  options?: CollectionOptions,
): Promise<{ store: DocumentStore; items: DocumentCollection<T>; name: string }> {
  const target = await open();
  t.after(() => target.close());
  const name = `contract_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const items = await target.store.collection<T>(name, options);
  return { store: target.store, items, name };
}

/** Asserts that `work` rejects with a DocStoreError of `code`, and answers it. */
export async function rejectsWith<C extends DocStoreErrorCode>(
  work: Promise<unknown>,
  code: C,
): Promise<DocStoreError<C>> {
  const error = await work.then(
    () => assert.fail(`expected ${code}, but it resolved`),
    (e: unknown) => e,
  );
  assert.ok(isDocStoreError(error, code), `expected ${code}, got ${String(error)}`);
  return error;
}

/** The `_id`s of documents, in their order. */
export function ids(docs: readonly { readonly _id: string }[]): string[] {
  return docs.map((doc) => doc._id);
}
