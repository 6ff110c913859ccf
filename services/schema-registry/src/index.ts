export { schemaRegistry } from './descriptor.ts';
export { schemaRegistryService, type SchemaRegistryServiceOptions } from './service.ts';
