export { buildGateway, type GatewayOptions } from './app.ts';
export { parseGatewayConfig, type GatewayConfig } from './config.ts';
export { embeddedServices } from './embedded.ts';
export {
  checkHealth,
  type DependencyHealth,
  type HostedService,
  type PlatformHealth,
  type ServiceHealth,
} from './health.ts';
