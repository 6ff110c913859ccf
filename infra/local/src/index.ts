export { down, servers, status, up, type InfraOptions, type UpOptions, type ServerStatus } from './infra.ts';
export { infraPaths, type InfraPaths } from './paths.ts';
export {
  startPrivateServer,
  type PrivateServer,
  type PrivateServerName,
  type PrivateServerOptions,
} from './private-server.ts';
export { probeKafka, probeMailpit, probeMongo, probePostgres, probeRedis, type ProbeResult } from './probes.ts';
export {
  connectionSettings,
  isUserProvided,
  localDefaults,
  type ConnectionSettings,
  type ServerName,
} from './settings.ts';
export { ensureDebianPackages } from './debian.ts';
export { ensureSchemathesis, schemathesisVersion, type EnsureSchemathesisOptions } from './tools/schemathesis.ts';
export {
  contractChecks,
  runSchemathesis,
  schemathesisArgs,
  type SchemathesisResult,
  type SchemathesisRun,
} from './tools/schemathesis-run.ts';
