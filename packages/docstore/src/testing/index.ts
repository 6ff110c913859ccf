export { documentStoreContract } from './contract.ts';
export { freshCollection, rejectsWith, type DocumentStoreUnderTest, type OpenStore } from './harness.ts';
export { openTestDocumentStore } from './memory.ts';
export { dropMongoDatabase, mongoDatabaseUrl } from './mongodb.ts';
