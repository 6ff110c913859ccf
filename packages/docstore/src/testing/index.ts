export { documentStoreContract } from './contract.ts';
export { freshCollection, rejectsWith, type DocumentStoreUnderTest, type OpenStore } from './harness.ts';
export { openTestDocumentStore } from './memory.ts';
