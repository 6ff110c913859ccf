export { openEmbeddedDocumentStore, type EmbeddedDocumentStoreOptions } from './store.ts';
