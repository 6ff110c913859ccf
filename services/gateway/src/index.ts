export { buildGateway, type GatewayOptions } from './app.ts';
export { gatewayConfig } from './config.ts';
export {
  localSource,
  platformHealth,
  upstreamSource,
  type DependencyHealth,
  type HealthSource,
  type PlatformHealth,
  type ServiceHealth,
} from './health.ts';
export type { Upstream } from './proxy.ts';
export { gatewayOperation } from './operations.ts';
