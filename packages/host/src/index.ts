export {
  defineService,
  operationLogOf,
  type AnyServiceDescriptor,
  type FilesPort,
  type GatewayRoute,
  type HostMode,
  type PortName,
  type Ports,
  type Publication,
  type RequestRecording,
  type ServiceContext,
  type ServiceDescriptor,
} from './descriptor.ts';
export {
  embeddedEnvironment,
  parseEmbeddedEnvironment,
  parseProcessEnvironment,
  processEnvironment,
  type EmbeddedEnvironment,
  type Environment,
  type ProcessEnvironment,
} from './environment.ts';
export {
  registryEntry,
  runEmbeddedPlatform,
  selectSystems,
  type EmbeddedPlatformOptions,
  type RunningPlatform,
} from './embedded/platform.ts';
export { runServiceProcess, type ServiceProcessOptions } from './process/process.ts';
export {
  registerSchemas,
  registrationsOf,
  schemaRegistryName,
  SchemaRegistrationError,
  type RegisteredType,
  type RegisterSchemasOptions,
  type SchemaRegistration,
} from './schemas/publishes.ts';
export { startOrder } from './order.ts';
export { probeWritable } from './ports/files.ts';
export { matchesPrefix, routeCovers } from './routes.ts';
export { parseRegistry, ServiceRegistry, urlVariable, type RegistryEntry } from './registry/registry.ts';
