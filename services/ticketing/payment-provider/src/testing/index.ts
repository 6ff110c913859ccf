export { embeddedProvider, providerClient, type ProviderClient } from './provider-platform.ts';
export { sendJson, type JsonAnswer } from './json-client.ts';
