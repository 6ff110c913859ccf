export { openMongoDocumentStore, type MongoDocumentStoreOptions } from './store.ts';
