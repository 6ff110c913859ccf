export { buildGateway, gatewayDefinition, type GatewayOptions } from './app.ts';
export { gateway } from './descriptor.ts';
export { platformDocs, type PlatformDocsOptions } from './docs.ts';
export {
  localSource,
  platformHealth,
  upstreamSource,
  type DependencyHealth,
  type HealthSource,
  type PlatformHealth,
  type ServiceHealth,
} from './health.ts';
export { operationalPath, type Upstream } from './proxy.ts';
export { gatewayOperation } from './operations.ts';
