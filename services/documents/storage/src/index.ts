export {
  defaultMaxBytes,
  defaultVerifyFirstBytes,
  storageService,
  type StorageServiceOptions,
} from './service/storage-service.ts';
export type { StoredFile } from './store/stored-file.ts';
export { storage } from './descriptor.ts';
