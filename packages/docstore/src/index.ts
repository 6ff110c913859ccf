export {
  DocStoreError,
  docStoreError,
  indexName,
  isDocStoreError,
  type DocStoreErrorCode,
  type DocStoreErrorDetails,
} from './errors.ts';
export type {
  AnyDocument,
  BaseDocument,
  CollectionOptions,
  Condition,
  DocumentCollection,
  DocumentStore,
  FieldOperators,
  Filter,
  FindOptions,
  Sort,
  Update,
  UpdateOptions,
} from './port.ts';
