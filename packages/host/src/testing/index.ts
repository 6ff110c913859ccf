export { servers } from './servers.ts';
export { embeddedPlatform, type EmbeddedPlatform } from './embedded-platform.ts';
export {
  distributedPlatform,
  type DistributedPlatform,
  type ServiceHandle,
  type ServiceProcess,
} from './distributed-platform.ts';
